package dev.sparksuite.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import dev.sparksuite.cluster.Aggregates;
import dev.sparksuite.cluster.AggregationStages;
import dev.sparksuite.cluster.ClusterJob;
import dev.sparksuite.cluster.ClusterJob.JobResult;
import dev.sparksuite.cluster.ExpectedAggregates;
import dev.sparksuite.cluster.JobOptions;
import dev.sparksuite.cluster.PlainAggregation;
import dev.sparksuite.cluster.Records;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * How long the cluster job takes on Spark, warm, at 1M and 10M records, next to Spark's floor for
 * one pass over the same records (one bare {@code groupBy(id % 10).agg(sum)} over {@code range})
 * and a plain single-threaded Java loop computing the job's aggregates; then the job's stages timed
 * one by one, and the job's targets, MET or MISSED.
 *
 * <p>Usage: {@code bench/run-cluster-job-benchmark [--runs R]} (local[2] by default). Everything is
 * run once at 1M to warm the JVM and Spark up; then each case once more as its own warm-up and R
 * times (default 3); the tables show the median and the spread (min–max). Every run's result is
 * checked, so a fast wrong answer cannot win.
 */
public final class ClusterJobBenchmark {

  private static final long[] SIZES = {1_000_000L, 10_000_000L};
  private static final int PARTITIONS = JobOptions.DEFAULT_PARTITIONS;
  private static final Locale NUMBERS = Locale.ROOT;

  // The targets the job is held to; printed, never asserted.
  private static final double TARGET_JOB_MS_AT_1M = 1_000;
  private static final double TARGET_JOB_PER_BARE_PASS = 4.0;
  private static final double TARGET_MARGINAL_PER_LOOP = 10.0;
  private static final int TARGET_SPARK_JOBS = 8;

  private ClusterJobBenchmark() {}

  /** Median and spread of one case at one size, in milliseconds. */
  record Timing(long records, Stopwatch.Timing t) {
    double median() {
      return t.medianMs();
    }
  }

  public static void main(String[] args) {
    int runs = args.length == 2 && args[0].equals("--runs") ? Integer.parseInt(args[1]) : 3;
    SparkSession spark =
        SparkSession.builder().appName("spark-suite cluster-job benchmark").getOrCreate();
    try {
      // The bare pass shuffles into as many partitions as the job's stages do.
      spark.conf().set("spark.sql.shuffle.partitions", AggregationStages.SHUFFLE_PARTITIONS);
      PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
      Map<String, LongFunction<Object>> cases = new LinkedHashMap<>();
      cases.put("job", n -> checked(ClusterJob.execute(spark, options(n), quiet)));
      cases.put("bare pass", n -> checkedBarePass(spark, n));
      cases.put("plain loop", n -> checked(PlainAggregation.compute(n, JobOptions.TOP_N), n));
      Map<String, LongFunction<Object>> stages = new LinkedHashMap<>();
      stages.put(
          "1 RDD mapPartitions + reduceByKey",
          n -> AggregationStages.rddCategoryTotals(spark, n, PARTITIONS));
      stages.put(
          "2 broadcast join + groupBy",
          n -> AggregationStages.categoryStats(spark, Records.frame(spark, n, PARTITIONS)));
      stages.put(
          "4 window top-3 (with candidates)",
          n ->
              AggregationStages.topPerCategory(
                  Records.frame(spark, n, PARTITIONS), JobOptions.TOP_N));

      cases.values().forEach(c -> c.apply(SIZES[0]));
      stages.values().forEach(c -> c.apply(SIZES[0]));
      Map<String, List<Timing>> timings = timeAll(cases, runs);
      Map<String, List<Timing>> stageTimings = timeAll(stages, runs);
      JobResult one = ClusterJob.execute(spark, options(SIZES[0]), quiet);
      print(timings, stageTimings, one, runs, spark);
    } finally {
      spark.stop();
    }
  }

  private static JobOptions options(long n) {
    return new JobOptions(n, PARTITIONS, Optional.empty(), 0);
  }

  private static Map<String, List<Timing>> timeAll(
      Map<String, LongFunction<Object>> cases, int runs) {
    Map<String, List<Timing>> timings = new LinkedHashMap<>();
    for (long n : SIZES) {
      cases.forEach(
          (what, work) -> {
            timings
                .computeIfAbsent(what, w -> new ArrayList<>())
                .add(new Timing(n, Stopwatch.time(runs, () -> work.apply(n))));
            System.err.printf(NUMBERS, "  measured %s at %,d records%n", what, n);
          });
    }
    return timings;
  }

  private static Object checked(JobResult result) {
    if (!result.mismatches().isEmpty()) {
      throw new IllegalStateException("wrong result: " + result.mismatches());
    }
    return result;
  }

  private static Object checked(Aggregates aggregates, long n) {
    if (!aggregates.equals(ExpectedAggregates.of(n, JobOptions.TOP_N))) {
      throw new IllegalStateException("plain loop gave a wrong result for n = " + n);
    }
    return aggregates;
  }

  /** Spark's floor for one pass: read the ids, add them up per residue, one small shuffle. */
  private static Object checkedBarePass(SparkSession spark, long n) {
    Dataset<Row> sums = spark.range(0, n, 1, PARTITIONS).groupBy(col("id").mod(10)).agg(sum("id"));
    long total = sums.collectAsList().stream().mapToLong(r -> r.getLong(1)).sum();
    if (total != n * (n - 1) / 2) {
      throw new IllegalStateException("bare pass gave a wrong sum for n = " + n);
    }
    return total;
  }

  private static void print(
      Map<String, List<Timing>> timings,
      Map<String, List<Timing>> stageTimings,
      JobResult one,
      int runs,
      SparkSession spark) {
    List<Timing> job = timings.get("job");
    List<Timing> bare = timings.get("bare pass");
    List<Timing> loop = timings.get("plain loop");
    out("");
    out(
        "Cluster job benchmark: warm, median of %d runs (min-max), %d partitions, %s (%d cores), %s %s",
        runs,
        PARTITIONS,
        spark.sparkContext().master(),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"));
    out("");
    out("| records | job (ms) | bare pass (ms) | plain loop (ms) | job ÷ bare pass | job ÷ loop |");
    out("|---:|---:|---:|---:|---:|---:|");
    for (int i = 0; i < job.size(); i++) {
      out(
          "| %,d | %s | %s | %s | %.1f | %.0f× |",
          job.get(i).records(),
          job.get(i).t().cell(),
          bare.get(i).t().cell(),
          loopCell(loop.get(i).t()),
          job.get(i).median() / bare.get(i).median(),
          job.get(i).median() / loop.get(i).median());
    }
    double millions = (SIZES[1] - SIZES[0]) / 1e6;
    double jobMarginal = marginal(job, millions);
    double loopMarginal = marginal(loop, millions);
    out("");
    out(
        "Per extra million records (10M minus 1M, ÷ 9): job %.1f ms, bare pass %.1f ms, plain loop %.1f ms",
        jobMarginal, marginal(bare, millions), loopMarginal);
    out("");
    out(
        "| stage, timed alone | %,d records (ms) | %,d records (ms) | per extra million (ms) |",
        SIZES[0], SIZES[1]);
    out("|---|---:|---:|---:|");
    stageTimings.forEach(
        (stage, t) ->
            out(
                "| %s | %s | %s | %.1f |",
                stage, t.get(0).t().cell(), t.get(1).t().cell(), marginal(t, millions)));
    out("");
    out(
        "Spark work of one run at %,d records: %d jobs, %d stages, %d tasks",
        SIZES[0],
        one.report().work().jobs(),
        one.report().work().stages(),
        one.report().work().tasks());
    out("");
    out("Targets:");
    target(
        job.get(0).median() <= TARGET_JOB_MS_AT_1M,
        "warm median at 1M <= %,.0f ms: %,.0f ms",
        TARGET_JOB_MS_AT_1M,
        job.get(0).median());
    for (int i = 0; i < SIZES.length; i++) {
      double ratio = job.get(i).median() / bare.get(i).median();
      target(
          ratio <= TARGET_JOB_PER_BARE_PASS,
          "job ÷ bare pass <= %.1f at %,d: %.1f",
          TARGET_JOB_PER_BARE_PASS,
          SIZES[i],
          ratio);
    }
    target(
        jobMarginal <= TARGET_MARGINAL_PER_LOOP * loopMarginal,
        "cost per extra million <= %.0f× the plain loop's (%.1f ms): %.1f ms, %.1f×",
        TARGET_MARGINAL_PER_LOOP,
        loopMarginal,
        jobMarginal,
        jobMarginal / loopMarginal);
    target(
        one.report().work().jobs() <= TARGET_SPARK_JOBS,
        "Spark jobs <= %d: %d",
        TARGET_SPARK_JOBS,
        one.report().work().jobs());
  }

  private static double marginal(List<Timing> t, double millions) {
    return (t.get(1).median() - t.get(0).median()) / millions;
  }

  private static String loopCell(Stopwatch.Timing t) {
    return String.format(NUMBERS, "%.1f (%.1f–%.1f)", t.medianMs(), t.minMs(), t.maxMs());
  }

  private static void target(boolean met, String format, Object... args) {
    out("  %-6s %s", met ? "MET" : "MISSED", String.format(NUMBERS, format, args));
  }

  private static void out(String format, Object... args) {
    System.out.println(String.format(NUMBERS, format, args));
  }
}
