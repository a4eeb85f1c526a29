package dev.sparksuite.orc;

import static org.apache.spark.sql.functions.col;

import dev.sparksuite.lessonkit.Lesson;
import dev.sparksuite.lessonkit.ScanMetrics;
import dev.sparksuite.lessonkit.ScanMetrics.Scan;
import dev.sparksuite.lessonkit.SqlConf;
import java.io.IOException;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.io.sarg.PredicateLeaf;
import org.apache.hadoop.hive.ql.io.sarg.SearchArgument;
import org.apache.hadoop.hive.ql.io.sarg.SearchArgumentFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Predicate push-down. A {@code SearchArgument} is ORC's form of a filter. orc-core tests it
 * against each row group's min/max in the row index and reads only the groups that can match: here
 * ids 250,000..250,999 of sorted data touch one 10,000-row group of 50. Spark turns a DataFrame
 * filter into its data-source filters (the scan's {@code PushedFilters}) and, with {@code
 * spark.sql.orc.filterPushdown} on (the default), hands them to orc-core as a SearchArgument: its
 * scan then emits that one row group, 10,000 rows, to the Filter above it. With the setting off the
 * plan lists the same filters, but the reader gets no SearchArgument and the scan emits all 500,000
 * rows; the query's answer is the same 1,000 rows either way.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.orc.OrcPushdownExample
 * formats-orc/target/formats-orc.jar <output-dir>}; the output directory may be a local path or on
 * HDFS ({@code hdfs://namenode:8020/lessons/orc}).
 */
public final class OrcPushdownExample {

  static final long ROWS = 500_000;
  static final long LOW = 250_000;
  static final long HIGH = 250_999;

  private OrcPushdownExample() {}

  /**
   * Rows in the file; rows orc-core read for the SearchArgument; Spark's scan with and without
   * push-down.
   */
  public record Pushdown(
      long rows,
      long rowsReadByOrcCore,
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
        OrcPushdownExample.class,
        (spark, output) -> {
          Pushdown p = pushDown(spark, new Path(output, "orders-sorted"));
          System.out.printf(
              "setup: %,d orders sorted on id, one file, orc-core's default orc.row.index.stride"
                  + " 10,000 (Spark leaves it unset) -> %d row groups; filter id in [%d, %d]%n",
              p.rows(), p.rows() / 10_000, LOW, HIGH);
          System.out.printf(
              "id in [%d, %d]: orc-core read %,d of %,d rows%n",
              LOW, HIGH, p.rowsReadByOrcCore(), p.rows());
          System.out.printf(
              "rows out of Spark's scan: %,d with push-down, %,d without; matching rows %,d%n",
              p.scanRowsPushed(), p.scanRowsNotPushed(), p.matchingRows());
          System.out.println("pushed filters: " + p.pushedFilters());
          System.out.printf(
              "what this shows: with spark.sql.orc.filterPushdown on, the row index's min/max let "
                  + "orc-core skip all but the one row group holding the range, so Spark's scan hands on %,d rows "
                  + "instead of %,d and its Filter keeps %,d%n",
              p.scanRowsPushed(), p.scanRowsNotPushed(), p.matchingRows());
        });
  }

  public static Pushdown pushDown(SparkSession spark, Path path) throws IOException {
    OrcSampleData.orders(spark, ROWS, 1).write().mode("overwrite").orc(path.toString());

    SearchArgument idRange =
        SearchArgumentFactory.newBuilder()
            .between("id", PredicateLeaf.Type.LONG, LOW, HIGH)
            .build();
    long readByOrcCore = OrcFiles.rowsRead(Lesson.fileSystem(spark, path), path, idRange, "id");
    Scan pushed = scan(spark, path, true);
    Scan notPushed = scan(spark, path, false);
    long matching = spark.read().orc(path.toString()).where(col("id").between(LOW, HIGH)).count();
    return new Pushdown(
        ROWS,
        readByOrcCore,
        pushed.rowsOutput(),
        notPushed.rowsOutput(),
        matching,
        pushed.pushedFilters());
  }

  private static Scan scan(SparkSession spark, Path path, boolean pushDown) {
    return SqlConf.with(
        spark,
        "spark.sql.orc.filterPushdown",
        pushDown,
        () ->
            ScanMetrics.collectAndMeasure(
                spark.read().orc(path.toString()).where(col("id").between(LOW, HIGH))));
  }
}
