package dev.sparksuite.parquet;

import static org.apache.spark.sql.functions.col;

import dev.sparksuite.lessonkit.Lesson;
import dev.sparksuite.lessonkit.ScanMetrics;
import dev.sparksuite.lessonkit.ScanMetrics.Scan;
import dev.sparksuite.parquet.ParquetFiles.RowGroupFilter;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Sorting (clustering) for skipping. Min/max statistics skip a row group only when its range of the
 * filter column excludes the value. {@code store} is {@code id % 1000}: written in id order, every
 * row group of 10,000 rows holds all 1,000 stores (min 0, max 999), so {@code store = 500} reads
 * every row group. The same rows sorted on {@code store} put store 500's 400 rows in one row group
 * (rows 200,000 to 200,399 of the file, inside row group 20), and the reader skips the other 39.
 *
 * <p>A global sort ({@code orderBy}) orders the whole table across its range partitions; the one
 * file comes from the {@code coalesce(1)} after it, which joins those partitions in order. {@code
 * repartitionByRange(4, store)} with {@code sortWithinPartitions(store)} writes four files, each a
 * range of whole stores, sorted inside: the same skipping, without funnelling the table into one
 * file. A store's run starts at a multiple of 400 rows in its file, and 10,000 is a multiple of
 * 400, so no run crosses a row-group boundary.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.parquet.SortingForSkippingExample
 * formats-parquet/target/formats-parquet.jar <output-dir>}; the output directory may be a local
 * path or on HDFS ({@code hdfs://namenode:8020/lessons/parquet}).
 */
public final class SortingForSkippingExample {

  static final long ROWS = 400_000;
  static final int ROWS_PER_ROW_GROUP = 10_000;
  static final int STORES = 1_000;
  static final int STORE = 500;
  static final int RANGES = 4;

  private SortingForSkippingExample() {}

  /**
   * One layout: its files and row groups, the row groups parquet-hadoop keeps for {@code store =
   * 500} by min/max and the rows they hold, the rows out of Spark's scan, and the rows that match.
   */
  public record Layout(
      String name,
      int files,
      int rowGroups,
      int rowGroupsRead,
      long rowsInRowGroupsRead,
      long scanRows,
      long matchingRows) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        SortingForSkippingExample.class,
        (spark, output) -> {
          System.out.printf(
              "setup: %,d orders, store = id %% %,d (%,d rows per store), row groups of %,d rows "
                  + "(parquet.block.row.count.limit); filter store = %d%n",
              ROWS, STORES, ROWS / STORES, ROWS_PER_ROW_GROUP, STORE);
          for (Layout l : compare(spark, output)) {
            System.out.printf(
                "%-34s %d file(s), %2d row groups; parquet-hadoop keeps %2d by min/max (%,7d rows); "
                    + "rows out of Spark's scan: %,7d; matching: %,d%n",
                l.name(),
                l.files(),
                l.rowGroups(),
                l.rowGroupsRead(),
                l.rowsInRowGroupsRead(),
                l.scanRows(),
                l.matchingRows());
          }
          System.out.println(
              "what this shows: the same filter reads every row group when the column is scattered and "
                  + "one when the rows are sorted or range-clustered on it, because min/max can then exclude the rest");
        });
  }

  /**
   * The filter on the three layouts of the same rows: id order, sorted on store, range-clustered on
   * store.
   */
  public static List<Layout> compare(SparkSession spark, Path output) throws IOException {
    FileSystem fs = Lesson.fileSystem(spark, output);
    Dataset<Row> orders = ParquetSampleData.orders(spark, ROWS, 1);
    return List.of(
        measure(spark, fs, "unsorted (id order)", new Path(output, "unsorted"), orders.coalesce(1)),
        measure(
            spark,
            fs,
            "sorted on store",
            new Path(output, "sorted"),
            orders.orderBy("store").coalesce(1)),
        measure(
            spark,
            fs,
            "range-partitioned, sorted within",
            new Path(output, "range"),
            orders.repartitionByRange(RANGES, col("store")).sortWithinPartitions("store")));
  }

  private static Layout measure(
      SparkSession spark, FileSystem fs, String name, Path path, Dataset<Row> layout) {
    layout
        .write()
        .mode("overwrite")
        .option("parquet.block.row.count.limit", ROWS_PER_ROW_GROUP)
        .parquet(path.toString());
    FilterPredicate store = FilterApi.eq(FilterApi.intColumn("store"), STORE);
    Scan scan =
        ScanMetrics.collectAndMeasure(
            spark.read().parquet(path.toString()).where(col("store").equalTo(STORE)));
    return new Layout(
        name,
        ParquetFiles.dataFiles(fs, path).size(),
        ParquetFiles.rowGroups(fs, path),
        ParquetFiles.rowGroupsRead(fs, path, store, RowGroupFilter.STATISTICS),
        ParquetFiles.rowsInRowGroupsRead(fs, path, store, RowGroupFilter.STATISTICS),
        scan.rowsOutput(),
        spark.read().parquet(path.toString()).where(col("store").equalTo(STORE)).count());
  }
}
