package dev.sparksuite.orc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link OrcBloomFilterExample}: a bloom filter skips row groups that min/max cannot. */
class OrcBloomFilterExampleTest extends SparkTestBase {

  @TempDir Path dir;

  @Test
  void aBloomFilterSkipsRowGroupsMinMaxCannot() throws Exception {
    var lookup = OrcBloomFilterExample.lookUp(spark, hadoopPath(dir));

    assertThat(lookup.bloomInPlainFile()).isFalse();
    assertThat(lookup.bloomInBloomFile()).isTrue();
    assertThat(lookup.rowsReadWithoutBloom())
        .as("min/max of a hash column rule nothing out")
        .isEqualTo(lookup.rows());
    assertThat(lookup.rowsReadWithBloom())
        .as("only the row group that holds the key")
        .isEqualTo(10_000);
    assertThat(lookup.scanRowsWithoutBloom())
        .as("Spark's scan, no bloom filter: all 20 row groups")
        .isEqualTo(OrcBloomFilterExample.ROWS);
    assertThat(lookup.scanRowsWithBloom())
        .as("Spark's scan with the bloom filter: 1 of 20 row groups")
        .isEqualTo(10_000);
  }
}
