package dev.sparksuite.parquet;

import dev.sparksuite.lessons.Lesson;
import dev.sparksuite.parquet.ParquetFooters.RowGroupFilter;
import java.nio.file.Path;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.api.Binary;
import org.apache.spark.sql.SparkSession;

/**
 * Lesson 9: bloom filters. {@code customer_key} is a hash: every row group holds keys from the
 * whole range, so min/max statistics match any point lookup and skip nothing. A bloom filter per
 * column chunk answers "is this value definitely absent?"; for a key that exists once, every row
 * group but one answers yes and is skipped. Enabled per column, with the expected number of
 * distinct values sizing the filter.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.parquet.BloomFilterExample
 * formats-parquet/target/formats-parquet.jar <output-dir>}
 */
public final class BloomFilterExample {

  static final long ROWS = 400_000;

  private BloomFilterExample() {}

  /**
   * Row groups, how many have a bloom filter on customer_key, and how many a lookup of one key
   * reads with statistics alone and with statistics plus bloom filters.
   */
  public record Lookup(String key, int rowGroups, int rowGroupsWithBloomFilter, int readWithStatistics,
      int readWithBloomFilter, long matchingRows) {}

  public static void main(String[] args) {
    Path output = Lesson.outputDirectory(args, BloomFilterExample.class);
    SparkSession spark = Lesson.session(BloomFilterExample.class);
    try {
      Lookup l = lookUp(spark, output.resolve("orders-bloom"));
      System.out.printf("row groups %d, with a bloom filter on customer_key: %d%n", l.rowGroups(),
          l.rowGroupsWithBloomFilter());
      System.out.printf("lookup of %s reads %d row groups with min/max, %d with bloom filters (%d matching row)%n",
          l.key(), l.readWithStatistics(), l.readWithBloomFilter(), l.matchingRows());
    } finally {
      spark.stop();
    }
  }

  public static Lookup lookUp(SparkSession spark, Path path) {
    SampleData.orders(spark, ROWS, 1).select("id", "customer_key").write().mode("overwrite")
        .option("parquet.block.size", 1024 * 1024)
        .option("parquet.bloom.filter.enabled#customer_key", true)
        .option("parquet.bloom.filter.expected.ndv#customer_key", ROWS)
        .parquet(path.toString());

    String key = spark.read().parquet(path.toString()).where("id = 123456").first().getString(1);
    FilterPredicate lookup = FilterApi.eq(FilterApi.binaryColumn("customer_key"), Binary.fromString(key));
    int rowGroups = 0;
    int withBloom = 0;
    for (Path file : ParquetFooters.dataFiles(path)) {
      for (BlockMetaData rowGroup : ParquetFooters.footer(file).getBlocks()) {
        rowGroups++;
        for (ColumnChunkMetaData column : rowGroup.getColumns()) {
          // The footer points at each chunk's bloom filter; -1 means none was written.
          if (column.getPath().toDotString().equals("customer_key") && column.getBloomFilterOffset() >= 0) {
            withBloom++;
          }
        }
      }
    }
    long matching = spark.read().parquet(path.toString()).where(
        org.apache.spark.sql.functions.col("customer_key").equalTo(key)).count();
    return new Lookup(key, rowGroups, withBloom,
        ParquetFooters.rowGroupsRead(path, lookup, RowGroupFilter.STATISTICS),
        ParquetFooters.rowGroupsRead(path, lookup, RowGroupFilter.STATISTICS_AND_BLOOM), matching);
  }
}
