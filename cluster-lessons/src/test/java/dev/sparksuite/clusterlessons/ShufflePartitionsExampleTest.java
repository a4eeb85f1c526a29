package dev.sparksuite.clusterlessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.clusterlessons.ShufflePartitionsExample.Comparison;
import dev.sparksuite.lessonkit.SqlConf;
import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.internal.SQLConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without adaptive execution the stage after a shuffle runs exactly spark.sql.shuffle.partitions
 * tasks, and the partitions no country hashes to are tasks that read nothing.
 */
class ShufflePartitionsExampleTest extends SparkTestBase {

  /**
   * How many of {@code partitions} hash partitions the 20 countries fill, computed with the hash
   * Spark's shuffle partitions by (Murmur3, seed 42: SQL's {@code hash}).
   */
  static int partitionsHoldingACountry(SparkSession spark, int partitions) {
    String countries =
        Arrays.stream(Sales.COUNTRIES).map(c -> "('" + c + "')").collect(Collectors.joining(","));
    return (int)
        spark
            .sql(
                "SELECT count(DISTINCT pmod(hash(c), "
                    + partitions
                    + ")) FROM VALUES "
                    + countries
                    + " AS t(c)")
            .first()
            .getLong(0);
  }

  @Test
  void eachShufflePartitionIsATaskAndThoseNoKeyHashesToReadNothing(@TempDir Path dir) {
    Comparison c =
        SqlConf.with(
            spark,
            "spark.sql.shuffle.partitions",
            SQLConf.SHUFFLE_PARTITIONS().defaultValueString(),
            () -> ShufflePartitionsExample.compare(spark, hadoopPath(dir)));
    int cores = spark.sparkContext().defaultParallelism();

    assertThat(c.defaultPartitions()).isEqualTo("200");
    assertThat(c.atDefault().tasks()).isEqualTo(200);
    assertThat(c.atDefault().tasksReadingNothing())
        .isEqualTo(200 - partitionsHoldingACountry(spark, 200));
    assertThat(c.sizedPartitions()).isEqualTo(cores);
    assertThat(c.sized().tasks()).isEqualTo(cores);
    assertThat(c.sized().tasksReadingNothing())
        .isEqualTo(cores - partitionsHoldingACountry(spark, cores));
  }
}
