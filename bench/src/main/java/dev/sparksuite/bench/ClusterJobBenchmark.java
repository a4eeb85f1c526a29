package dev.sparksuite.bench;

import dev.sparksuite.cluster.Aggregates;
import dev.sparksuite.cluster.ClusterJob;
import dev.sparksuite.cluster.ClusterJob.JobResult;
import dev.sparksuite.cluster.JobOptions;
import dev.sparksuite.cluster.PlainAggregation;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * How long the cluster job takes on Spark, warm, at 1M and 10M records, next to a plain
 * single-threaded Java loop computing the same aggregates over the same records.
 *
 * <p>Usage: {@code bench/run-cluster-job-benchmark [--runs R]} (local[2] by default). Each case is
 * run once to warm the JVM and Spark up, then R times (default 3); the table shows the median
 * and the spread (min–max). Every run's result is checked against the closed form, so a fast
 * wrong answer cannot win.
 */
public final class ClusterJobBenchmark {

  private static final long[] SIZES = {1_000_000L, 10_000_000L};
  private static final int PARTITIONS = JobOptions.DEFAULT_PARTITIONS;

  private ClusterJobBenchmark() {}

  /** Median and spread of one case, in milliseconds. */
  record Timing(String what, long records, double medianMs, double minMs, double maxMs) {}

  public static void main(String[] args) {
    int runs = args.length == 2 && args[0].equals("--runs") ? Integer.parseInt(args[1]) : 3;
    SparkSession spark = SparkSession.builder().appName("spark-suite cluster-job benchmark").getOrCreate();
    try {
      PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
      List<Timing> spark1 = new ArrayList<>();
      List<Timing> plain = new ArrayList<>();
      for (long n : SIZES) {
        JobOptions options = new JobOptions(n, PARTITIONS, Optional.empty(), 0);
        spark1.add(time("Spark " + spark.sparkContext().master(), n, runs,
            () -> checked(ClusterJob.execute(spark, options, quiet))));
        plain.add(time("plain Java loop, 1 thread", n, runs,
            () -> checked(PlainAggregation.compute(n, JobOptions.TOP_N), n)));
      }
      print(spark1, plain, runs, spark.sparkContext().defaultParallelism());
    } finally {
      spark.stop();
    }
  }

  private static Object checked(JobResult result) {
    if (!result.mismatches().isEmpty()) {
      throw new IllegalStateException("wrong result: " + result.mismatches());
    }
    return result;
  }

  private static Object checked(Aggregates aggregates, long n) {
    if (!aggregates.equals(dev.sparksuite.cluster.ExpectedAggregates.of(n, JobOptions.TOP_N))) {
      throw new IllegalStateException("plain loop gave a wrong result for n = " + n);
    }
    return aggregates;
  }

  private static Timing time(String what, long n, int runs, Supplier<Object> work) {
    Stopwatch.Timing t = Stopwatch.time(runs, work);
    System.err.printf("  measured %s at %,d records%n", what, n);
    return new Timing(what, n, t.medianMs(), t.minMs(), t.maxMs());
  }

  private static void print(List<Timing> spark, List<Timing> plain, int runs, int cores) {
    System.out.printf("%nCluster job benchmark: warm, median of %d runs (min-max), %d partitions, %d cores, %s %s%n%n",
        runs, PARTITIONS, cores, System.getProperty("java.vm.name"), System.getProperty("java.version"));
    System.out.println("| records | Spark job (ms) | plain loop (ms) | Spark / plain |");
    System.out.println("|---:|---:|---:|---:|");
    for (int i = 0; i < spark.size(); i++) {
      Timing s = spark.get(i);
      Timing p = plain.get(i);
      System.out.printf("| %,d | %.0f (%.0f-%.0f) | %.1f (%.1f-%.1f) | %.0fx |%n", s.records(), s.medianMs(),
          s.minMs(), s.maxMs(), p.medianMs(), p.minMs(), p.maxMs(), s.medianMs() / p.medianMs());
    }
    System.out.printf("%nScaling 10M / 1M: Spark %.1fx, plain loop %.1fx%n",
        spark.get(1).medianMs() / spark.get(0).medianMs(), plain.get(1).medianMs() / plain.get(0).medianMs());
  }
}
