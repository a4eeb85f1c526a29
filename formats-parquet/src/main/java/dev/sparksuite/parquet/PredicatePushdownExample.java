package dev.sparksuite.parquet;

import dev.sparksuite.lessons.Lesson;
import static org.apache.spark.sql.functions.col;

import dev.sparksuite.parquet.ParquetFooters.RowGroupFilter;
import dev.sparksuite.lessons.ScanMetrics;
import dev.sparksuite.lessons.ScanMetrics.Scan;
import java.nio.file.Path;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Lesson 5: predicate push-down with row-group statistics. Every row group's footer entry holds
 * each column's min and max. Written sorted on {@code id}, the row groups cover disjoint id
 * ranges, so for {@code id BETWEEN a AND b} a reader skips every row group whose [min, max] does
 * not overlap — here all but one of 88 — without reading its pages. Spark's scan then still
 * returns that whole row group (about 11,000 rows) to the Filter above it, not all 1,000,000.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.parquet.PredicatePushdownExample
 * formats-parquet/target/formats-parquet.jar <output-dir>}
 */
public final class PredicatePushdownExample {

  static final long ROWS = 1_000_000;
  /** Small row groups (1 MB of buffered data) so that a million rows make dozens of them. */
  static final int ROW_GROUP_BYTES = 1024 * 1024;
  static final long LOW = 500_000;
  static final long HIGH = 500_999;

  private PredicatePushdownExample() {}

  /**
   * Row groups in the file and those parquet-hadoop still reads for the filter; rows Spark's scan
   * produced with push-down on and off; rows the query returned.
   */
  public record Pushdown(int rowGroups, int rowGroupsRead, long scanRowsPushed, long scanRowsNotPushed,
      long matchingRows, String pushedFilters) {}

  public static void main(String[] args) {
    Path output = Lesson.outputDirectory(args, PredicatePushdownExample.class);
    SparkSession spark = Lesson.session(PredicatePushdownExample.class);
    try {
      Pushdown p = pushDown(spark, output.resolve("orders-sorted"));
      System.out.printf("row groups: %d, read for id in [%d, %d]: %d%n", p.rowGroups(), LOW, HIGH, p.rowGroupsRead());
      System.out.printf("rows out of Spark's scan: %,d with push-down, %,d without; matching rows %,d%n",
          p.scanRowsPushed(), p.scanRowsNotPushed(), p.matchingRows());
      System.out.println("pushed filters: " + p.pushedFilters());
    } finally {
      spark.stop();
    }
  }

  public static Pushdown pushDown(SparkSession spark, Path path) {
    SampleData.orders(spark, ROWS, 1).orderBy("id").coalesce(1).write().mode("overwrite")
        .option("parquet.block.size", ROW_GROUP_BYTES).parquet(path.toString());

    int rowGroups = ParquetFooters.rowGroups(path);
    int read = ParquetFooters.rowGroupsRead(path,
        FilterApi.and(FilterApi.gtEq(FilterApi.longColumn("id"), LOW), FilterApi.ltEq(FilterApi.longColumn("id"), HIGH)),
        RowGroupFilter.STATISTICS);

    Scan pushed = scan(spark, path, true);
    Scan notPushed = scan(spark, path, false);
    long matching = spark.read().parquet(path.toString()).where(col("id").between(LOW, HIGH)).count();
    return new Pushdown(rowGroups, read, pushed.rowsOutput(), notPushed.rowsOutput(), matching, pushed.pushedFilters());
  }

  /** The vectorized reader skips row groups, not rows: the scan still emits whole row groups. */
  private static Scan scan(SparkSession spark, Path path, boolean pushDown) {
    String key = "spark.sql.parquet.filterPushdown";
    String before = spark.conf().get(key);
    spark.conf().set(key, pushDown);
    try {
      Dataset<Row> query = spark.read().parquet(path.toString()).where(col("id").between(LOW, HIGH));
      return ScanMetrics.collectAndMeasure(query);
    } finally {
      spark.conf().set(key, before);
    }
  }
}
