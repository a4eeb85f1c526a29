package dev.sparksuite.cluster;

import dev.sparksuite.cluster.Aggregates.CategoryQuantity;
import dev.sparksuite.cluster.Aggregates.CategoryStats;
import dev.sparksuite.cluster.Aggregates.RegionTotal;
import dev.sparksuite.cluster.Aggregates.TopRecord;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A second application reads back the result tables a cluster-job run published with {@code
 * --output} and checks every row against the closed form for the same number of records. The run
 * that wrote them passed the same check before it published, so a PASSED here means the tables came
 * back from storage (a local directory, or HDFS blocks served by whichever DataNodes hold a
 * replica) exactly as they were written.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.cluster.ReadBackCheck
 * cluster-job/target/cluster-job.jar <output-dir> <records>}
 */
public final class ReadBackCheck {

  static final String USAGE =
      "usage: spark-submit --class dev.sparksuite.cluster.ReadBackCheck cluster-job.jar <output-dir> <records>";

  private ReadBackCheck() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** The whole program, minus {@code System.exit}: 0 equal, 1 missing or different, 2 bad usage. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    long records;
    try {
      if (args.length != 2 || args[0].startsWith("-")) {
        throw new NumberFormatException();
      }
      records = Long.parseLong(args[1]);
      if (records < 1) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      err.println("read-back-check: " + USAGE + " (records: a whole number, at least 1)");
      return 2;
    }
    SparkSession spark =
        SparkSession.builder().appName("spark-suite read-back check").getOrCreate();
    try {
      return check(spark, args[0], records, out, err);
    } finally {
      spark.stop();
    }
  }

  /**
   * Reads the tables under {@code dir} and compares them with the closed form for {@code records}.
   */
  static int check(SparkSession spark, String dir, long records, PrintStream out, PrintStream err) {
    Aggregates read;
    try {
      read = read(spark, dir);
    } catch (Exception e) {
      err.println("read-back-check: cannot read " + dir + ": " + ClusterJob.oneLine(e));
      return 1;
    }
    out.printf(
        "read back from %s: %d category quantities, %d category stats, %d region totals, %d top records%n",
        dir,
        read.categoryQuantities().size(),
        read.categoryStats().size(),
        read.regionTotals().size(),
        read.topPerCategory().size());
    List<String> mismatches =
        SelfCheck.mismatches(ExpectedAggregates.of(records, JobOptions.TOP_N), read);
    if (mismatches.isEmpty()) {
      out.println(
          "Read back: PASSED (every table equals the closed-form values for "
              + records
              + " records)");
      return 0;
    }
    err.println(
        "read-back-check: FAILED: " + mismatches.size() + " results differ from the closed form");
    mismatches.forEach(m -> err.println("  " + m));
    return 1;
  }

  /** The four result tables, in the order {@link ExpectedAggregates} lists their rows. */
  static Aggregates read(SparkSession spark, String dir) {
    return new Aggregates(
        table(
            spark,
            dir,
            "category_quantities",
            r -> new CategoryQuantity(r.getAs("category"), r.getAs("records"), r.getAs("quantity")),
            "category"),
        table(
            spark,
            dir,
            "category_stats",
            r ->
                new CategoryStats(
                    r.getAs("category"),
                    r.getAs("region"),
                    r.getAs("records"),
                    r.getAs("amount"),
                    r.getAs("minId"),
                    r.getAs("maxId")),
            "category"),
        table(
            spark,
            dir,
            "region_totals",
            r -> new RegionTotal(r.getAs("region"), r.getAs("records"), r.getAs("amount")),
            "region"),
        table(
            spark,
            dir,
            "top_per_category",
            r ->
                new TopRecord(
                    r.getAs("category"), r.getAs("rank"), r.getAs("id"), r.getAs("amount")),
            "category",
            "rank"));
  }

  private static <T> List<T> table(
      SparkSession spark, String dir, String name, Function<Row, T> toRecord, String... orderBy) {
    String first = orderBy[0];
    String[] rest = Arrays.copyOfRange(orderBy, 1, orderBy.length);
    return spark.read().parquet(dir + "/" + name).orderBy(first, rest).collectAsList().stream()
        .map(toRecord)
        .toList();
  }
}
