package dev.sparksuite.avro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.lessonkit.JarIndex;
import dev.sparksuite.testkit.JarIndexTests;
import dev.sparksuite.testkit.LessonTables;
import org.junit.jupiter.api.Test;

/**
 * The jar's index, as every module's ({@link JarIndexTests}), and a test for each of its classes.
 */
class AvroDriverTest extends JarIndexTests {

  @Override
  protected JarIndex index() {
    return AvroDriver.INDEX;
  }

  @Test
  void everyLessonAndToolHasATestNamedAfterItButThoseProvedAcrossFormats() {
    assertThat(LessonTables.withoutATest(index()))
        .as("proved side by side by formats-compared's SameLessonAcrossFormatsTest")
        .containsExactlyInAnyOrder(AvroWriteReadExample.class, AvroCodecsExample.class);
  }
}
