package dev.sparksuite.parquet;

import static org.apache.spark.sql.functions.col;

import dev.sparksuite.lessonkit.Lesson;
import dev.sparksuite.lessonkit.ScanMetrics;
import dev.sparksuite.parquet.ParquetFiles.RowGroupFilter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.api.Binary;
import org.apache.spark.sql.SparkSession;

/**
 * Bloom filters. {@code customer_key} is a hash: every row group holds keys from the whole range,
 * so min/max statistics (and the column index) match any point lookup and skip nothing. A bloom
 * filter per column chunk answers "is this value definitely absent?"; for a key that exists once,
 * every row group but one answers yes and is skipped — by parquet-hadoop, and so by Spark's scan,
 * which reads with {@code parquet.filter.bloom.enabled} (true by default).
 *
 * <p>Each row group gets its own filter, sized by {@code parquet.bloom.filter.expected.ndv}: the
 * distinct values expected in one column chunk, not in the file. Sized for the file's 400,000 keys,
 * every one of the eight row groups carries a filter eight times larger than its 50,000 keys need
 * for the same false-positive rate (1% by default). The footer records each filter's length.
 * parquet-java writes no bloom filter for a column chunk whose data pages are all
 * dictionary-encoded, even when one is asked for: the dictionary answers the same question. Unique
 * keys like these give the dictionary up after the first page anyway; the lesson switches it off
 * for the column so that every chunk is certain to carry its filter.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.parquet.BloomFilterExample
 * formats-parquet/target/formats-parquet.jar <output-dir>}; the output directory may be a local
 * path or on HDFS ({@code hdfs://namenode:8020/lessons/parquet}).
 */
public final class BloomFilterExample {

  static final long ROWS = 400_000;
  static final int ROWS_PER_ROW_GROUP = 50_000;
  static final long LOOKUP_ID = 123_456;

  private BloomFilterExample() {}

  /**
   * One file's outcome: the expected NDV it was written with, its row groups, how many have a bloom
   * filter on customer_key and the bytes of those filters (from the footer); row groups a lookup
   * reads by min/max alone and with bloom filters; rows out of Spark's scan with bloom filters used
   * and not used; rows matched.
   */
  public record Lookup(
      long expectedNdv,
      int rowGroups,
      int rowGroupsWithBloomFilter,
      long bloomFilterBytes,
      int readWithStatistics,
      int readWithBloomFilter,
      long scanRowsWithBloom,
      long scanRowsWithoutBloom,
      long matchingRows) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        BloomFilterExample.class,
        (spark, output) -> {
          System.out.printf(
              "setup: %,d orders, row groups of %,d rows, bloom filter on customer_key (a hash); "
                  + "lookup of the key of order %d%n",
              ROWS, ROWS_PER_ROW_GROUP, LOOKUP_ID);
          for (Lookup l : compareSizing(spark, output)) {
            System.out.printf(
                "expected.ndv %,7d: %d row groups, %d with a filter, %,d filter bytes in all%n",
                l.expectedNdv(), l.rowGroups(), l.rowGroupsWithBloomFilter(), l.bloomFilterBytes());
            System.out.printf(
                "  row groups read: %d by min/max, %d with bloom filters; rows out of Spark's scan: "
                    + "%,d with bloom filters, %,d without; %d matching row%n",
                l.readWithStatistics(),
                l.readWithBloomFilter(),
                l.scanRowsWithBloom(),
                l.scanRowsWithoutBloom(),
                l.matchingRows());
          }
          System.out.println(
              "what this shows: a bloom filter skips row groups that min/max cannot; size it for "
                  + "one row group's distinct values, or every filter is larger than it needs to be");
        });
  }

  /** The lookup on two files: filters sized for one row group's keys, and for the whole file's. */
  public static List<Lookup> compareSizing(SparkSession spark, Path output) throws IOException {
    List<Lookup> lookups = new ArrayList<>();
    lookups.add(lookUp(spark, new Path(output, "orders-bloom-per-row-group"), ROWS_PER_ROW_GROUP));
    lookups.add(lookUp(spark, new Path(output, "orders-bloom-per-file"), ROWS));
    return lookups;
  }

  public static Lookup lookUp(SparkSession spark, Path path, long expectedNdv) throws IOException {
    ParquetSampleData.orders(spark, ROWS, 1)
        .select("id", "customer_key")
        .write()
        .mode("overwrite")
        .option("parquet.block.row.count.limit", ROWS_PER_ROW_GROUP)
        .option("parquet.enable.dictionary#customer_key", false)
        .option("parquet.bloom.filter.enabled#customer_key", true)
        .option("parquet.bloom.filter.expected.ndv#customer_key", expectedNdv)
        .parquet(path.toString());

    String key =
        spark
            .read()
            .parquet(path.toString())
            .where(col("id").equalTo(LOOKUP_ID))
            .first()
            .getString(1);
    FilterPredicate lookup =
        FilterApi.eq(FilterApi.binaryColumn("customer_key"), Binary.fromString(key));
    FileSystem fs = Lesson.fileSystem(spark, path);
    int rowGroups = 0;
    int withBloom = 0;
    long bloomBytes = 0;
    for (Path file : ParquetFiles.dataFiles(fs, path)) {
      for (BlockMetaData rowGroup : ParquetFiles.footer(fs, file).getBlocks()) {
        rowGroups++;
        for (ColumnChunkMetaData column : rowGroup.getColumns()) {
          // The footer points at each chunk's bloom filter; offset -1 means none was written.
          if (column.getPath().toDotString().equals("customer_key")
              && column.getBloomFilterOffset() >= 0) {
            withBloom++;
            bloomBytes += column.getBloomFilterLength();
          }
        }
      }
    }
    return new Lookup(
        expectedNdv,
        rowGroups,
        withBloom,
        bloomBytes,
        ParquetFiles.rowGroupsRead(fs, path, lookup, RowGroupFilter.STATISTICS),
        ParquetFiles.rowGroupsRead(fs, path, lookup, RowGroupFilter.STATISTICS_AND_BLOOM),
        scanRows(spark, path, key, true),
        scanRows(spark, path, key, false),
        spark.read().parquet(path.toString()).where(col("customer_key").equalTo(key)).count());
  }

  private static long scanRows(SparkSession spark, Path path, String key, boolean bloom) {
    return ScanMetrics.collectAndMeasure(
            spark
                .read()
                .option("parquet.filter.bloom.enabled", bloom)
                .parquet(path.toString())
                .where(col("customer_key").equalTo(key)))
        .rowsOutput();
  }
}
