package dev.sparksuite.parquet;

import dev.sparksuite.lessonkit.JarIndex;
import dev.sparksuite.testkit.JarIndexTests;
import java.util.List;

/** The jar's index, as every module's: see {@link JarIndexTests}. */
class ParquetDriverTest extends JarIndexTests {

  @Override
  protected JarIndex index() {
    return ParquetDriver.INDEX;
  }

  /** Proved for every format, side by side, by formats-compared's SameLessonAcrossFormatsTest. */
  @Override
  protected List<Class<?>> provedElsewhere() {
    return List.of(WriteReadExample.class, NativeParquetExample.class);
  }
}
