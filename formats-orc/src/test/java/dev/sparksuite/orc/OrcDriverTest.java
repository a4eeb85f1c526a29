package dev.sparksuite.orc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.lessonkit.JarIndex;
import dev.sparksuite.testkit.JarIndexTests;
import dev.sparksuite.testkit.LessonTables;
import org.junit.jupiter.api.Test;

/**
 * The jar's index, as every module's ({@link JarIndexTests}), and a test for each of its classes.
 */
class OrcDriverTest extends JarIndexTests {

  @Override
  protected JarIndex index() {
    return OrcDriver.INDEX;
  }

  @Test
  void everyLessonAndToolHasATestNamedAfterItButThoseProvedAcrossFormats() {
    assertThat(LessonTables.withoutATest(index()))
        .as("proved side by side by formats-compared's SameLessonAcrossFormatsTest")
        .containsExactlyInAnyOrder(OrcWriteReadExample.class, NativeOrcExample.class);
  }
}
