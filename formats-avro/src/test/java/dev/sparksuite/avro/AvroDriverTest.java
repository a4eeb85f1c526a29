package dev.sparksuite.avro;

import dev.sparksuite.lessonkit.JarIndex;
import dev.sparksuite.testkit.JarIndexTests;
import java.util.List;

/** The jar's index, as every module's: see {@link JarIndexTests}. */
class AvroDriverTest extends JarIndexTests {

  @Override
  protected JarIndex index() {
    return AvroDriver.INDEX;
  }

  /** Proved for every format, side by side, by formats-compared's SameLessonAcrossFormatsTest. */
  @Override
  protected List<Class<?>> provedElsewhere() {
    return List.of(AvroWriteReadExample.class, AvroCodecsExample.class);
  }
}
