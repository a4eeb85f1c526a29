package dev.sparksuite.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.parquet.BloomFilterExample.Lookup;
import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.column.values.bloomfilter.BlockSplitBloomFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link BloomFilterExample}: a bloom filter skips row groups that min/max cannot. */
class BloomFilterExampleTest extends SparkTestBase {

  @TempDir Path dir;

  @Test
  void aBloomFilterSizedPerRowGroupSkipsRowGroupsThatMinMaxCannot() throws Exception {
    List<Lookup> lookups = BloomFilterExample.compareSizing(spark, hadoopPath(dir));
    Lookup perRowGroup = lookups.get(0);
    Lookup perFile = lookups.get(1);
    int rowGroups = (int) (BloomFilterExample.ROWS / BloomFilterExample.ROWS_PER_ROW_GROUP);

    for (Lookup lookup : lookups) {
      assertThat(lookup.rowGroups()).isEqualTo(rowGroups);
      assertThat(lookup.rowGroupsWithBloomFilter())
          .as("one filter per row group")
          .isEqualTo(rowGroups);
      assertThat(lookup.readWithStatistics())
          .as("hash keys span the range in every row group")
          .isEqualTo(rowGroups);
      assertThat(lookup.readWithBloomFilter()).isEqualTo(1);
      assertThat(lookup.scanRowsWithBloom())
          .as("Spark's scan: the one row group the filter cannot rule out")
          .isEqualTo(BloomFilterExample.ROWS_PER_ROW_GROUP);
      assertThat(lookup.scanRowsWithoutBloom())
          .as("parquet.filter.bloom.enabled=false: nothing skipped")
          .isEqualTo(BloomFilterExample.ROWS);
      assertThat(lookup.matchingRows()).isEqualTo(1);
    }
    // The footer's length covers a filter's small header and its bitset; the bitset for 50,000 keys
    // at 1% is 65,536 bytes (a power of two), for 400,000 keys eight times that.
    long bitset =
        2
            * Long.highestOneBit(
                BlockSplitBloomFilter.optimalNumOfBits(BloomFilterExample.ROWS_PER_ROW_GROUP, 0.01)
                    / 8);
    long header = perRowGroup.bloomFilterBytes() / rowGroups - bitset;
    assertThat(header)
        .as("each filter: the bitset for 50,000 keys at 1%% plus a header")
        .isBetween(0L, 64L);
    assertThat(perFile.bloomFilterBytes() / rowGroups)
        .as("expected.ndv sized for the file: 8 times the keys, 8 times the bitset")
        .isEqualTo(8 * bitset + header);
  }
}
