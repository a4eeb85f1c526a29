package dev.sparksuite.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.lessonkit.SqlConf;
import dev.sparksuite.testkit.SparkTestBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PartitionOverwriteExample}: what an overwrite of a partitioned table deletes, and how many
 * files it writes.
 */
class PartitionOverwriteExampleTest extends SparkTestBase {

  @TempDir Path dir;

  /** The lesson's run with the session's defaults, shared by the tests that read it. */
  private static PartitionOverwriteExample.Overwrites byDefault;

  @BeforeAll
  static void runTheLesson(@TempDir Path shared) throws Exception {
    byDefault = PartitionOverwriteExample.overwrite(spark, hadoopPath(shared.resolve("default")));
  }

  @Test
  void aStaticOverwriteDeletesEveryPartitionAndADynamicOneOnlyThoseItWrites() {
    var o = byDefault;

    assertThat(o.before().partitions()).containsExactly("country=DE", "country=FR", "country=NL");
    assertThat(o.afterStatic().partitions())
        .as("static, the default: FR and NL are gone")
        .containsExactly("country=DE");
    assertThat(o.afterStatic().rowsPerCountry()).containsExactly(RowFactory.create("DE", 10L));
    assertThat(o.afterDynamic().partitions())
        .containsExactly("country=DE", "country=FR", "country=NL");
    assertThat(o.afterDynamic().rowsPerCountry())
        .as("dynamic: DE replaced by the 10 new orders, FR and NL kept")
        .containsExactly(
            RowFactory.create("DE", 10L),
            RowFactory.create("FR", 1_000L),
            RowFactory.create("NL", 1_000L));
  }

  @Test
  void staticIsTheDefaultSessionSettingAndDynamicThereKeepsTheOtherPartitions() {
    var o =
        SqlConf.with(
            spark,
            Map.of("spark.sql.sources.partitionOverwriteMode", "dynamic"),
            () -> {
              try {
                return PartitionOverwriteExample.overwrite(
                    spark, hadoopPath(dir.resolve("dynamic")));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });

    assertThat(o.afterStatic().partitions())
        .as("the lesson's first overwrite names no mode: the session setting decides")
        .containsExactly("country=DE", "country=FR", "country=NL");
  }

  @Test
  void eachTaskWritesAFilePerPartitionSplitAtMaxRecordsPerFile() {
    var o = byDefault;

    assertThat(o.files()).as("4 tasks x 3 countries").isEqualTo(12);
    assertThat(o.filesWithMaxRecords())
        .as("about 250 rows per task and country: 3 files of at most 100 each")
        .isEqualTo(36);
  }
}
