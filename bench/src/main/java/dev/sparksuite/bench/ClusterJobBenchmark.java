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
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * How long the cluster job takes on Spark, warm, at 1M and 10M records, next to Spark's floor for
 * one pass over the same records (one bare {@code groupBy(id % 10).agg(sum)} over {@code range})
 * and a plain single-threaded Java loop computing the job's aggregates; where every millisecond of
 * the job goes (its stages, the counting of Spark's work, the report, the self-check); its stages
 * timed alone, each beside other ways to write it; and the job's targets, MET or MISSED.
 *
 * <p>Usage: {@code bench/run-cluster-job-benchmark [--runs R]} (local[2], 7 runs by default), which
 * writes everything it prints, every measured run included, to {@code
 * bench/results/cluster-job-benchmark.md}.
 *
 * <p>Every case runs once per round and the rounds are interleaved, so the job and each stage timed
 * alone are equally warm; one round at each size is a warm-up and is not counted. Every run's
 * result is checked, so a fast wrong answer cannot win.
 */
public final class ClusterJobBenchmark {

  private static final long[] SIZES = {1_000_000L, 10_000_000L};
  private static final int PARTITIONS = JobOptions.DEFAULT_PARTITIONS;

  private static final String JOB = ClusterJobReport.JOB;
  private static final String BARE_PASS = ClusterJobReport.BARE_PASS;
  private static final String LOOP = ClusterJobReport.LOOP;
  private static final String REPORT_TEXT = "report text (tables and JSON)";
  private static final String SELF_CHECK = "self-check against the closed form";

  private static final Map<Long, Aggregates> EXPECTED = new HashMap<>();

  private ClusterJobBenchmark() {}

  public static void main(String[] args) throws IOException {
    ClusterJobBenchOptions options = ClusterJobBenchOptions.parse(args);
    SparkSession spark =
        SparkSession.builder().appName("spark-suite cluster-job benchmark").getOrCreate();
    try {
      // The bare pass shuffles into as many partitions as the job's stages do.
      spark.conf().set("spark.sql.shuffle.partitions", AggregationStages.SHUFFLE_PARTITIONS);
      Measurements m = measure(spark, options.runs());
      JobResult one = ClusterJob.execute(spark, options(SIZES[0]), quiet());
      String text =
          ClusterJobReport.render(
              header(spark, options), m.cases, m.phases, one.report().work().jobs());
      System.out.print(text);
      Files.createDirectories(options.output().toAbsolutePath().getParent());
      Files.writeString(options.output(), text);
      System.err.println("cluster-job benchmark: written to " + options.output());
    } finally {
      spark.stop();
    }
  }

  /** Every case's runs and every phase of the job's runs, per size. */
  record Measurements(
      Map<Long, Map<String, Samples>> cases, Map<Long, Map<String, Samples>> phases) {}

  private static Measurements measure(SparkSession spark, int runs) {
    Map<Long, Map<String, List<Double>>> phases = new LinkedHashMap<>();
    Map<String, LongFunction<Object>> cases = cases(spark, phases);
    Map<Long, Map<String, Samples>> caseSamples = new LinkedHashMap<>();
    Map<Long, Map<String, Samples>> phaseSamples = new LinkedHashMap<>();
    for (long n : SIZES) {
      round(cases, n); // warm-up: class loading, JIT, Spark's code generation at this size
      phases.remove(n);
      Map<String, List<Double>> times = new LinkedHashMap<>();
      for (int r = 1; r <= runs; r++) {
        round(cases, n)
            .forEach((what, ms) -> times.computeIfAbsent(what, w -> new ArrayList<>()).add(ms));
        System.err.printf("  %,d records: round %d of %d measured%n", n, r, runs);
      }
      caseSamples.put(n, samples(times));
      phaseSamples.put(n, samples(phases.get(n)));
    }
    return new Measurements(caseSamples, phaseSamples);
  }

  private static Map<String, Double> round(Map<String, LongFunction<Object>> cases, long n) {
    Map<String, Double> ms = new LinkedHashMap<>();
    cases.forEach(
        (what, work) -> {
          long start = System.nanoTime();
          work.apply(n);
          ms.put(what, (System.nanoTime() - start) / 1e6);
        });
    return ms;
  }

  private static Map<String, LongFunction<Object>> cases(
      SparkSession spark, Map<Long, Map<String, List<Double>>> phases) {
    Map<String, LongFunction<Object>> cases = new LinkedHashMap<>();
    cases.put(JOB, n -> timedJob(spark, n, phases.computeIfAbsent(n, k -> new LinkedHashMap<>())));
    cases.put(BARE_PASS, n -> checkedBarePass(spark, n));
    cases.put(
        LOOP, n -> expect(n, Function.identity(), PlainAggregation.compute(n, JobOptions.TOP_N)));
    cases.put(
        "stage 1 alone: RDD mapPartitions + reduceByKey",
        n ->
            expect(
                n,
                Aggregates::categoryQuantities,
                AggregationStages.rddCategoryTotals(spark, n, PARTITIONS).totals()));
    cases.put(
        "stage 2 alone: groupBy, then broadcast join",
        n ->
            expect(
                n,
                Aggregates::categoryStats,
                AggregationStages.categoryStats(spark, Records.frame(spark, n, PARTITIONS))));
    cases.put(
        "stage 4 alone: window top-3 over candidates",
        n ->
            expect(
                n,
                Aggregates::topPerCategory,
                AggregationStages.topPerCategory(
                    Records.ids(spark, n, PARTITIONS), JobOptions.TOP_N)));
    cases.put(
        "stage 1, not taken: ids from SparkContext.range",
        n ->
            expect(
                n,
                Aggregates::categoryQuantities,
                StageVariants.rddStageOverContextRange(spark, n, PARTITIONS)));
    cases.put(
        "stage 2, not kept: records with % instead of pmod",
        n ->
            expect(
                n,
                Aggregates::categoryStats,
                StageVariants.groupByOverRemainderFrame(spark, n, PARTITIONS)));
    cases.put(
        "stage 4, before: candidates from the records' rows",
        n ->
            expect(
                n,
                Aggregates::topPerCategory,
                StageVariants.windowOverRowCandidates(spark, n, PARTITIONS, JobOptions.TOP_N)));
    cases.put(
        "stage 4, not taken: candidates from SparkContext.range",
        n ->
            expect(
                n,
                Aggregates::topPerCategory,
                StageVariants.windowOverContextRangeCandidates(
                    spark, n, PARTITIONS, JobOptions.TOP_N)));
    return cases;
  }

  /**
   * The job as {@code ClusterJob} runs it, minus starting and stopping Spark: its phases as the job
   * times them, then the console report rendered and the self-check, each timed here.
   */
  private static Object timedJob(SparkSession spark, long n, Map<String, List<Double>> phases) {
    JobResult result = ClusterJob.execute(spark, options(n), quiet());
    long rendered = System.nanoTime();
    int reportLength = result.consoleReport().length() + result.report().json().length();
    long checked = System.nanoTime();
    List<String> mismatches = result.mismatches();
    long end = System.nanoTime();
    if (!mismatches.isEmpty()) {
      throw new IllegalStateException("wrong result: " + mismatches);
    }
    Map<String, Double> ms = new LinkedHashMap<>(result.phases().millis());
    ms.put(REPORT_TEXT, (checked - rendered) / 1e6);
    ms.put(SELF_CHECK, (end - checked) / 1e6);
    ms.forEach((phase, t) -> phases.computeIfAbsent(phase, p -> new ArrayList<>()).add(t));
    return reportLength;
  }

  private static Map<String, Samples> samples(Map<String, List<Double>> times) {
    Map<String, Samples> samples = new LinkedHashMap<>();
    times.forEach(
        (what, ms) ->
            samples.put(what, new Samples(ms.stream().mapToDouble(Double::doubleValue).toArray())));
    return samples;
  }

  private static JobOptions options(long n) {
    return new JobOptions(n, PARTITIONS, Optional.empty(), 0, Optional.empty());
  }

  private static PrintStream quiet() {
    return new PrintStream(OutputStream.nullOutputStream());
  }

  /**
   * A result (a stage's, or the loop's whole), checked against the same part of the closed-form
   * answer.
   */
  private static <T> Object expect(long n, Function<Aggregates, T> part, T actual) {
    T expected =
        part.apply(EXPECTED.computeIfAbsent(n, k -> ExpectedAggregates.of(k, JobOptions.TOP_N)));
    if (!expected.equals(actual)) {
      throw new IllegalStateException("a wrong result for n = " + n + ": " + actual);
    }
    return actual;
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

  private static String header(SparkSession spark, ClusterJobBenchOptions options) {
    return String.format(
        "Measured %s, %d measured runs per case and size (one warm-up round first), %d partitions.%n"
            + "Machine: %s.%n"
            + "JVM options: %s.%n",
        LocalDate.now(),
        options.runs(),
        PARTITIONS,
        Machine.current(spark).describe(),
        String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
  }
}
