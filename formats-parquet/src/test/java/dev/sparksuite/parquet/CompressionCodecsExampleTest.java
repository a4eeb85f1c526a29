package dev.sparksuite.parquet;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link CompressionCodecsExample}: a codec Spark does not ship fails in the write's tasks, which
 * is why the lesson checks the classpath first (what each shipped codec records and compresses is
 * proved for every format by SameLessonAcrossFormatsTest).
 */
class CompressionCodecsExampleTest extends SparkTestBase {

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "lzo, com.hadoop.compression.lzo.LzoCodec",
    "brotli, org.apache.hadoop.io.compress.BrotliCodec"
  })
  void aWriteWithACodecSparkDoesNotShipFailsInItsTasks(String codec, String codecClass) {
    assertThatThrownBy(
            () ->
                spark
                    .range(10)
                    .write()
                    .option("compression", codec)
                    .parquet(dir.resolve(codec).toString()))
        .as("the lesson reports this from the classpath instead of running the job")
        .hasMessageContaining("Task")
        .hasRootCauseInstanceOf(ClassNotFoundException.class)
        .rootCause()
        .hasMessageContaining(codecClass);
  }
}
