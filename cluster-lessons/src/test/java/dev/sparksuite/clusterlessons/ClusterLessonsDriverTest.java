package dev.sparksuite.clusterlessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.LessonTables;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The jar's index names every lesson of the module once; it is the one source of each lesson's
 * number and title, and the README's table follows it.
 */
class ClusterLessonsDriverTest {

  @Test
  void theIndexListsEveryLessonClassOfTheModuleOnce() throws IOException, URISyntaxException {
    Path classes =
        Path.of(
            ClusterLessonsDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path pkg = classes.resolve("dev/sparksuite/clusterlessons");
    try (Stream<Path> files = Files.list(pkg)) {
      var lessons =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith("Example.class"))
              .map(n -> n.substring(0, n.length() - ".class".length()))
              .toList();

      assertThat(ClusterLessonsDriver.INDEX.entries())
          .extracting(e -> e.type().getSimpleName())
          .containsExactlyInAnyOrderElementsOf(lessons);
    }
    String rendered = ClusterLessonsDriver.INDEX.render();
    for (int i = 1; i <= lessons().length; i++) {
      assertThat(rendered).contains("lesson " + i + ": ");
    }
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
