package dev.sparksuite.clusterlessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.clusterlessons.MapSideCombineExample.Comparison;
import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** reduceByKey shuffles one record per key and map task; groupByKey shuffles every record. */
class MapSideCombineExampleTest extends SparkTestBase {

  @Test
  void reduceByKeyShufflesOneRecordPerKeyAndMapTaskWhereGroupByKeyShufflesEveryRecord(
      @TempDir Path dir) {
    Comparison c = MapSideCombineExample.compare(spark, hadoopPath(dir));

    assertThat(c.reduceByKey().records())
        .as("every one of the 8 partitions holds all 100 keys")
        .isEqualTo(MapSideCombineExample.PARTITIONS * MapSideCombineExample.KEYS);
    assertThat(c.groupByKey().records()).isEqualTo(MapSideCombineExample.ROWS);
    assertThat(c.groupByKey().bytes()).isGreaterThan(c.reduceByKey().bytes() * 10);
    assertThat(c.sameSums()).isTrue();
  }
}
