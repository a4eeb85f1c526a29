package dev.sparksuite.clusterlessons;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.clusterlessons.SkewJoinExample.Comparison;
import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without the skew join, one task reads all of customer 0's sales; with it (on by default), that
 * partition is split into several tasks, each reading a part of it.
 */
class SkewJoinExampleTest extends SparkTestBase {

  @Test
  void theSkewJoinSplitsTheHotKeysPartitionOverSeveralTasks(@TempDir Path dir) {
    long hotRows =
        Sales.generate(
                spark,
                SkewJoinExample.ROWS,
                SkewJoinExample.MAP_PARTITIONS,
                SkewJoinExample.CUSTOMERS,
                SkewJoinExample.HOT_SHARE)
            .where(col("customer_id").equalTo(0))
            .count();

    Comparison c = SkewJoinExample.compare(spark, hadoopPath(dir));

    assertThat(c.unsplit().tasks()).isEqualTo(SkewJoinExample.SHUFFLE_PARTITIONS);
    assertThat(c.unsplit().mostTaskRecords())
        .as("one task reads every sale of customer 0")
        .isGreaterThanOrEqualTo(hotRows);
    assertThat(c.split().tasks())
        .as("the hot partition became several tasks")
        .isGreaterThan(SkewJoinExample.SHUFFLE_PARTITIONS);
    assertThat(c.split().mostTaskRecords())
        .as("no task reads even half of customer 0's sales")
        .isLessThan(hotRows / 2);
  }

  @Test
  void theSettingsTheLessonNamesHaveTheDefaultsItStates() {
    assertThat(spark.conf().get("spark.sql.adaptive.skewJoin.enabled")).isEqualTo("true");
    assertThat(spark.conf().get("spark.sql.adaptive.skewJoin.skewedPartitionFactor"))
        .isEqualTo("5.0");
    assertThat(
            AqeCoalescingExampleTest.bytes(
                "spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes"))
        .isEqualTo(256L * 1024 * 1024);
  }
}
