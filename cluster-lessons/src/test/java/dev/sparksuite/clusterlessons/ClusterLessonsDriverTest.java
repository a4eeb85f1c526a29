package dev.sparksuite.clusterlessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.LessonTables;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The jar's index names every lesson of the module once; it is the one source of each lesson's
 * number and title, and the README's table follows it; each lesson has its test.
 */
class ClusterLessonsDriverTest {

  @Test
  void theIndexListsEveryLessonClassOfTheModuleOnce() throws IOException {
    assertThat(ClusterLessonsDriver.INDEX.entries())
        .extracting(e -> e.type().getSimpleName())
        .containsExactlyInAnyOrderElementsOf(
            LessonTables.examplesInPackage(ClusterLessonsDriver.INDEX));
    String rendered = ClusterLessonsDriver.INDEX.render();
    for (int i = 1; i <= lessons().length; i++) {
      assertThat(rendered).contains("lesson " + i + ": ");
    }
  }

  @Test
  void everyLessonHasATestNamedAfterIt() {
    assertThat(LessonTables.withoutATest(ClusterLessonsDriver.INDEX)).isEmpty();
  }

  @Test
  void theReadmesLessonTableIsTheJarsIndex() throws Exception {
    assertThat(LessonTables.ofReadme(Path.of("README.md")))
        .isNotEmpty()
        .containsExactlyElementsOf(LessonTables.ofIndex(ClusterLessonsDriver.INDEX));
  }

  private static Object[] lessons() {
    return ClusterLessonsDriver.INDEX.entries().toArray();
  }
}
