package dev.sparksuite.orc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.LessonTables;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The jar's index is the one source of each lesson's number and title; the README follows it, and
 * it names every lesson of the package, each with its test.
 */
class OrcDriverTest {

  @Test
  void theReadmesLessonTableIsTheJarsIndex() throws Exception {
    assertThat(LessonTables.ofReadme(Path.of("README.md")))
        .isNotEmpty()
        .containsExactlyElementsOf(LessonTables.ofIndex(OrcDriver.INDEX));
  }

  @Test
  void everyExampleClassOfThePackageHasAnEntry() throws Exception {
    assertThat(OrcDriver.INDEX.entries())
        .extracting(e -> e.type().getSimpleName())
        .containsAll(LessonTables.examplesInPackage(OrcDriver.INDEX));
  }

  @Test
  void everyLessonAndToolHasATestNamedAfterIt() {
    assertThat(LessonTables.withoutATest(OrcDriver.INDEX))
        .as(
            "proved for every format, side by side, by formats-compared's SameLessonAcrossFormatsTest")
        .containsExactlyInAnyOrder(OrcWriteReadExample.class, NativeOrcExample.class);
  }
}
