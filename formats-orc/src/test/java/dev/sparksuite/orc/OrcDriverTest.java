package dev.sparksuite.orc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.LessonTables;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The jar's index is the one source of each lesson's number and title; the README follows it. */
class OrcDriverTest {

  @Test
  void theReadmesLessonTableIsTheJarsIndex() throws Exception {
    assertThat(LessonTables.ofReadme(Path.of("README.md")))
        .isNotEmpty()
        .containsExactlyElementsOf(LessonTables.ofIndex(OrcDriver.INDEX));
  }
}
