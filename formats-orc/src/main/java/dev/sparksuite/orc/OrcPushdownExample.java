package dev.sparksuite.orc;

import static org.apache.spark.sql.functions.col;

import dev.sparksuite.lessons.Lesson;
import dev.sparksuite.lessons.ScanMetrics;
import java.nio.file.Path;
import org.apache.hadoop.hive.ql.io.sarg.PredicateLeaf;
import org.apache.hadoop.hive.ql.io.sarg.SearchArgument;
import org.apache.hadoop.hive.ql.io.sarg.SearchArgumentFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Lesson 4: predicate push-down. A {@code SearchArgument} is ORC's form of a filter. orc-core
 * tests it against each row group's min/max in the row index and reads only the groups that can
 * match: here ids 250,000..250,999 of sorted data touch one 10,000-row group of 50. Spark turns a
 * DataFrame filter into the same SearchArgument ({@code spark.sql.orc.filterPushdown}, on by
 * default), and its scan emits those rows only.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.orc.OrcPushdownExample
 * formats-orc/target/formats-orc.jar <output-dir>}
 */
public final class OrcPushdownExample {

  static final long ROWS = 500_000;
  static final long LOW = 250_000;
  static final long HIGH = 250_999;

  private OrcPushdownExample() {}

  /** Rows in the file; rows orc-core read for the SearchArgument; Spark's scan with and without push-down. */
  public record Pushdown(long rows, long rowsReadByOrcCore, long scanRowsPushed, long scanRowsNotPushed,
      long matchingRows) {}

  public static void main(String[] args) {
    Path output = Lesson.outputDirectory(args, OrcPushdownExample.class);
    SparkSession spark = Lesson.session(OrcPushdownExample.class);
    try {
      Pushdown p = pushDown(spark, output.resolve("orders-sorted"));
      System.out.printf("id in [%d, %d]: orc-core read %,d of %,d rows%n", LOW, HIGH, p.rowsReadByOrcCore(), p.rows());
      System.out.printf("rows out of Spark's scan: %,d with push-down, %,d without; matching rows %,d%n",
          p.scanRowsPushed(), p.scanRowsNotPushed(), p.matchingRows());
    } finally {
      spark.stop();
    }
  }

  public static Pushdown pushDown(SparkSession spark, Path path) {
    OrcSampleData.orders(spark, ROWS, 1).write().mode("overwrite").orc(path.toString());

    SearchArgument idRange = SearchArgumentFactory.newBuilder()
        .between("id", PredicateLeaf.Type.LONG, LOW, HIGH)
        .build();
    long readByOrcCore = OrcFiles.rowsRead(path, idRange, "id");
    long pushed = scanRows(spark, path, true);
    long notPushed = scanRows(spark, path, false);
    long matching = spark.read().orc(path.toString()).where(col("id").between(LOW, HIGH)).count();
    return new Pushdown(ROWS, readByOrcCore, pushed, notPushed, matching);
  }

  private static long scanRows(SparkSession spark, Path path, boolean pushDown) {
    String key = "spark.sql.orc.filterPushdown";
    String before = spark.conf().get(key);
    spark.conf().set(key, pushDown);
    try {
      return ScanMetrics.collectAndMeasure(spark.read().orc(path.toString()).where(col("id").between(LOW, HIGH)))
          .rowsOutput();
    } finally {
      spark.conf().set(key, before);
    }
  }
}
