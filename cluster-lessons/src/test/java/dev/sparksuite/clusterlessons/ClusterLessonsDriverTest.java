package dev.sparksuite.clusterlessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.lessonkit.JarIndex;
import dev.sparksuite.testkit.JarIndexTests;
import dev.sparksuite.testkit.LessonTables;
import dev.sparksuite.testkit.OutputDirectoryRefusal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's index, as every module's ({@link JarIndexTests}); here it holds lessons only, each once
 * and numbered in order.
 */
class ClusterLessonsDriverTest extends JarIndexTests {

  @Override
  protected JarIndex index() {
    return ClusterLessonsDriver.INDEX;
  }

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
    assertThat(LessonTables.withoutATest(index())).isEmpty();
  }

  /**
   * Each entry's teach is its own class's: given a file as its output directory, the lesson refuses
   * it in one line that names the class, before Spark starts (the format modules check the same in
   * their jar's tests).
   */
  @Test
  void eachEntrysTeachIsItsOwnLessons(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    for (JarIndex.Entry entry : ClusterLessonsDriver.INDEX.entries()) {
      if (entry.teach() == null) {
        continue;
      }

      OutputDirectoryRefusal refusal = OutputDirectoryRefusal.of(entry, file);

      assertThat(refusal.exitCode()).as(entry.type().getSimpleName()).isEqualTo(2);
      assertThat(refusal.stderr()).startsWith(entry.type().getSimpleName() + ": output directory ");
    }
  }

  private static Object[] lessons() {
    return ClusterLessonsDriver.INDEX.entries().toArray();
  }
}
