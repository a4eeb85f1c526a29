package dev.sparksuite.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PartitionDiscoveryExample}: a filter on the partition column opens only its directory's
 * files, counted in Spark's scan.
 */
class PartitionDiscoveryExampleTest extends SparkTestBase {

  @TempDir Path dir;

  @Test
  void aFilterOnThePartitionColumnOpensOnlyItsDirectorysFiles() throws Exception {
    var pruning =
        PartitionDiscoveryExample.writeAndPrune(spark, hadoopPath(dir.resolve("by-country")));

    assertThat(pruning.directories())
        .containsExactly("country=DE", "country=FR", "country=NL", "country=PL", "country=SE");
    assertThat(pruning.filesWritten())
        .as("each writing task writes one file per country")
        .isEqualTo(5 * PartitionDiscoveryExample.WRITE_TASKS);
    assertThat(pruning.filesReadUnfiltered()).isEqualTo(pruning.filesWritten());
    assertThat(pruning.filesReadFiltered())
        .as("only country=DE's files are opened")
        .isEqualTo(pruning.filesInGermany())
        .isEqualTo(PartitionDiscoveryExample.WRITE_TASKS);
    assertThat(pruning.partitionsReadFiltered()).isEqualTo(1);
    assertThat(pruning.rows()).isEqualTo(PartitionDiscoveryExample.ROWS / 5);
    assertThat(pruning.partitionFilters()).contains("country").contains("= DE");
  }
}
