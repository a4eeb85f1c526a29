package dev.sparksuite.parquet;

import static org.apache.spark.sql.functions.col;

import dev.sparksuite.lessonkit.Lesson;
import dev.sparksuite.lessonkit.ScanMetrics;
import dev.sparksuite.lessonkit.ScanMetrics.Scan;
import dev.sparksuite.lessonkit.SqlConf;
import dev.sparksuite.parquet.ParquetFiles.RowGroupFilter;
import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.spark.sql.SparkSession;

/**
 * Predicate push-down with row-group statistics. A row group's footer entry holds each column's min
 * and max, where parquet-java writes them: not for INT96 timestamps ({@link
 * TimestampTypesExample}), and not for a chunk whose min and max together reach 4 KB, which gets no
 * statistics at all. Written sorted on {@code id}, the row groups cover disjoint id ranges, so for
 * {@code id BETWEEN a AND b} a reader skips every row group whose [min, max] does not overlap —
 * here all but one of about 90 — without reading its pages.
 *
 * <p>Spark's scan then emits the rows of what it could not skip, and the {@code Filter} above it
 * drops the rest. The finest unit the Parquet reader can skip is a page ({@link PageIndexExample});
 * in this file a row group of about 11,000 rows is a single page per column (pages end at 1 MB or
 * 20,000 rows), so the scan emits exactly the one row group's rows. With {@code
 * spark.sql.parquet.filterPushdown=false} nothing is skipped and the scan emits every row.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.parquet.PredicatePushdownExample
 * formats-parquet/target/formats-parquet.jar <output-dir>}; the output directory may be a local
 * path or on HDFS ({@code hdfs://namenode:8020/lessons/parquet}).
 */
public final class PredicatePushdownExample {

  static final long ROWS = 1_000_000;

  /**
   * {@code parquet.block.size}: a row group is flushed when the writer's buffered size reaches it.
   * Completed pages count at their compressed size and only each column's open page uncompressed;
   * here every chunk is one page, so the row groups on disk are well under 1 MB.
   */
  static final int ROW_GROUP_BYTES = 1024 * 1024;

  static final long LOW = 500_000;
  static final long HIGH = 500_999;

  private PredicatePushdownExample() {}

  /**
   * Row groups in the file, those parquet-hadoop keeps for the filter and the rows they hold; rows
   * Spark's scan produced with push-down on and off; rows the query returned; the filters the plan
   * pushed to the reader.
   */
  public record Pushdown(
      int rowGroups,
      int rowGroupsRead,
      long rowsInRowGroupsRead,
      long scanRowsPushed,
      long scanRowsNotPushed,
      long matchingRows,
      String pushedFilters) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        PredicatePushdownExample.class,
        (spark, output) -> {
          Pushdown p = pushDown(spark, new Path(output, "orders-sorted"));
          System.out.printf(
              "setup: %,d orders sorted on id, one file, parquet.block.size %,d bytes -> %d row groups "
                  + "(~%,d rows each)%n",
              ROWS, ROW_GROUP_BYTES, p.rowGroups(), ROWS / p.rowGroups());
          System.out.printf(
              "filter id in [%d, %d]: parquet-hadoop keeps %d of %d row groups (%,d rows) by min/max%n",
              LOW, HIGH, p.rowGroupsRead(), p.rowGroups(), p.rowsInRowGroupsRead());
          System.out.printf(
              "rows out of Spark's scan: %,d with push-down (= the kept row group), %,d without%n",
              p.scanRowsPushed(), p.scanRowsNotPushed());
          System.out.printf(
              "rows matching after Spark's Filter: %,d; pushed filters: %s%n",
              p.matchingRows(), p.pushedFilters());
          System.out.println(
              "what this shows: on data sorted by the filter column, min/max statistics let the "
                  + "reader skip all row groups but the one that can match");
        });
  }

  public static Pushdown pushDown(SparkSession spark, Path path) throws IOException {
    ParquetSampleData.orders(spark, ROWS, 1)
        .orderBy("id")
        .coalesce(1)
        .write()
        .mode("overwrite")
        .option("parquet.block.size", ROW_GROUP_BYTES)
        .parquet(path.toString());

    FilterPredicate range =
        FilterApi.and(
            FilterApi.gtEq(FilterApi.longColumn("id"), LOW),
            FilterApi.ltEq(FilterApi.longColumn("id"), HIGH));
    Scan pushed = scan(spark, path, true);
    Scan notPushed = scan(spark, path, false);
    FileSystem fs = Lesson.fileSystem(spark, path);
    return new Pushdown(
        ParquetFiles.rowGroups(fs, path),
        ParquetFiles.rowGroupsRead(fs, path, range, RowGroupFilter.STATISTICS),
        ParquetFiles.rowsInRowGroupsRead(fs, path, range, RowGroupFilter.STATISTICS),
        pushed.rowsOutput(),
        notPushed.rowsOutput(),
        spark.read().parquet(path.toString()).where(col("id").between(LOW, HIGH)).count(),
        pushed.pushedFilters());
  }

  private static Scan scan(SparkSession spark, Path path, boolean pushDown) {
    return SqlConf.with(
        spark,
        "spark.sql.parquet.filterPushdown",
        pushDown,
        () ->
            ScanMetrics.collectAndMeasure(
                spark.read().parquet(path.toString()).where(col("id").between(LOW, HIGH))));
  }
}
