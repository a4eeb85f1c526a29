package dev.sparksuite.orc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.lessonkit.SqlConf;
import dev.sparksuite.testkit.SparkTestBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link OrcCompressionExample}: which codec Spark writes, and whose setting decides it (what each
 * codec records and compresses is proved for every format by SameLessonAcrossFormatsTest).
 */
class OrcCompressionExampleTest extends SparkTestBase {

  @TempDir Path dir;

  @Test
  void sparkWritesZstdWhenNoCodecIsGiven() throws Exception {
    var d = OrcCompressionExample.defaultCodec(spark, hadoopPath(dir.resolve("default")));

    assertThat(d.sessionSetting()).isEqualTo("zstd");
    assertThat(d.tailCodecs())
        .as("spark.sql.orc.compression.codec defaults to zstd in Spark 4.1.1")
        .containsExactly("ZSTD");
  }

  @Test
  void sparksSettingDecidesTheCodecNotOrcCoresDefault() {
    // orc-core's own default (orc.compress) is zstd too: only changing Spark's setting shows
    // which one a write without an option follows.
    var d =
        SqlConf.with(
            spark,
            "spark.sql.orc.compression.codec",
            "snappy",
            () -> {
              try {
                return OrcCompressionExample.defaultCodec(
                    spark, hadoopPath(dir.resolve("session-snappy")));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });

    assertThat(d.sessionSetting()).isEqualTo("snappy");
    assertThat(d.tailCodecs()).containsExactly("SNAPPY");
  }
}
