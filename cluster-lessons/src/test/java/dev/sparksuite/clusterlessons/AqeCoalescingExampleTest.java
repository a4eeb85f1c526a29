package dev.sparksuite.clusterlessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.clusterlessons.AqeCoalescingExample.Comparison;
import dev.sparksuite.lessonkit.SqlConf;
import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.sql.internal.SQLConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without adaptive execution, the stage after the shuffle runs one task per shuffle partition, most
 * of them empty; with it (on by default), the few kilobytes of the shuffle run as one task.
 */
class AqeCoalescingExampleTest extends SparkTestBase {

  @Test
  void adaptiveExecutionRunsTheSmallShuffleAsOneTaskWhereWithoutItEveryPartitionIsATask(
      @TempDir Path dir) {
    // This JVM's session uses 4 partitions; the lesson's point is Spark's default.
    Comparison c =
        SqlConf.with(
            spark,
            "spark.sql.shuffle.partitions",
            SQLConf.SHUFFLE_PARTITIONS().defaultValueString(),
            () -> AqeCoalescingExample.compare(spark, hadoopPath(dir)));

    assertThat(c.withoutAqe().tasks()).isEqualTo(200);
    assertThat(c.withoutAqe().tasksReadingNothing())
        .as("20 countries fill at most 20 of 200 hash partitions")
        .isEqualTo(200 - ShufflePartitionsExampleTest.partitionsHoldingACountry(spark, 200));
    assertThat(c.shuffleBytes())
        .as("under the 1 MB minimum partition size: everything fits one partition")
        .isLessThan(1024 * 1024);
    assertThat(c.withAqe().tasks()).isEqualTo(1);
    assertThat(c.withAqe().tasksReadingNothing()).isZero();
  }

  @Test
  void theSettingsTheLessonNamesHaveTheDefaultsItStates() {
    assertThat(SQLConf.SHUFFLE_PARTITIONS().defaultValueString()).isEqualTo("200");
    assertThat(spark.conf().get("spark.sql.adaptive.enabled")).isEqualTo("true");
    assertThat(spark.conf().get("spark.sql.adaptive.coalescePartitions.enabled")).isEqualTo("true");
    assertThat(spark.conf().get("spark.sql.adaptive.coalescePartitions.parallelismFirst"))
        .isEqualTo("true");
    assertThat(bytes("spark.sql.adaptive.coalescePartitions.minPartitionSize"))
        .isEqualTo(1024L * 1024);
    assertThat(bytes("spark.sql.adaptive.advisoryPartitionSizeInBytes"))
        .isEqualTo(64L * 1024 * 1024);
  }

  /** A size setting of the session, in bytes. */
  static long bytes(String key) {
    return JavaUtils.byteStringAsBytes(spark.conf().get(key));
  }
}
