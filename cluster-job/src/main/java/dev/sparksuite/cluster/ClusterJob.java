package dev.sparksuite.cluster;

import dev.sparksuite.cluster.AggregationStages.RddStage;
import dev.sparksuite.cluster.JobOptions.UsageException;
import dev.sparksuite.cluster.MasterPreflight.MasterUnreachableException;
import dev.sparksuite.cluster.SparkWorkCounter.SparkWork;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A multi-stage aggregation over generated records that shows how partitions spread over the
 * workers of a cluster, and checks its own answer.
 *
 * <p>It teaches, stage by stage: map-side combining with {@code mapPartitions} + {@code
 * reduceByKey}; the same with a DataFrame {@code groupBy}; a broadcast join with a small
 * dimension table; a top-N ranking in a window; and an all-or-nothing Parquet write. Then it
 * prints which executor and host processed each partition, and compares every aggregate with its
 * closed-form value (exit 1 on any difference).
 *
 * <p>Usage:
 *
 * <pre>
 * spark-submit --class dev.sparksuite.cluster.ClusterJob cluster-job/target/cluster-job.jar \
 *     [--records N] [--partitions P] [--output DIR] [--wait-for-executors E]
 * </pre>
 *
 * <p>Defaults: 1,000,000 records in 12 partitions, no output. On a cluster, {@code
 * --wait-for-executors 3} holds the job until three executors have registered: the scheduler
 * hands tasks to whichever executors exist when a stage starts, so a job that starts while
 * workers are still joining piles its partitions onto the first one.
 *
 * <p>Exit codes: 0 success, 1 failure (self-check, unreachable master, Spark error), 2 bad usage.
 */
public final class ClusterJob {

  private static final int STAGES = 5;
  private static final Duration MASTER_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration EXECUTOR_WAIT = Duration.ofSeconds(120);

  private ClusterJob() {}

  /** What one run found: the aggregates, their closed-form twins, and where the work ran. */
  public record JobResult(Aggregates actual, Aggregates expected, SpreadReport report) {
    public List<String> mismatches() {
      return SelfCheck.mismatches(expected, actual);
    }
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** The whole program, minus {@code System.exit}: returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    JobOptions options;
    try {
      if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
        out.println(JobOptions.USAGE);
        return 0;
      }
      options = JobOptions.parse(args);
    } catch (UsageException e) {
      err.println("cluster-job: " + e.getMessage());
      err.println(JobOptions.USAGE);
      return 2;
    }
    String master = new SparkConf().get("spark.master", null);
    try {
      MasterPreflight.check(master, MASTER_CONNECT_TIMEOUT);
    } catch (MasterUnreachableException e) {
      err.println("cluster-job: " + e.getMessage());
      return 1;
    }

    SparkSession spark;
    try {
      spark = SparkSession.builder().appName("spark-suite cluster-job").getOrCreate();
    } catch (RuntimeException e) {
      // A standalone master that refuses the application (most often: the cluster requires
      // spark.authenticate and this submit has no matching secret) leaves a stopped context.
      err.println("cluster-job: the Spark application could not start on " + master + ": " + oneLine(e)
          + " (Spark's log above names the cause; a cluster with spark.authenticate needs the same"
          + " spark.authenticate.secret)");
      return 1;
    }
    try {
      ExecutorWait.atLeast(spark, options.waitForExecutors(), EXECUTOR_WAIT, out);
      JobResult result = execute(spark, options, out);
      out.print(result.report().table());
      out.println(result.report().jsonLine());
      List<String> mismatches = result.mismatches();
      if (!mismatches.isEmpty()) {
        err.println("cluster-job: self-check FAILED: " + mismatches.size() + " results differ from the closed form");
        mismatches.forEach(m -> err.println("  " + m));
        options.output().ifPresent(o -> err.println("cluster-job: " + o + " was left as it was"));
        return 1;
      }
      out.println("Self-check: PASSED (every aggregate equals its closed-form value)");
      if (options.output().isPresent()) {
        writeResults(spark, options, result, out);
      }
      return 0;
    } catch (Exception e) {
      err.println("cluster-job: failed: " + oneLine(e));
      return 1;
    } finally {
      spark.stop();
    }
  }

  /** Stages 1 to 4 in reading order; each prints a progress line when it completes. */
  public static JobResult execute(SparkSession spark, JobOptions options, PrintStream progress) {
    SparkWorkCounter counter = SparkWorkCounter.register(spark.sparkContext());
    Progress steps = new Progress(progress, STAGES - (options.output().isPresent() ? 0 : 1));
    long n = options.records();
    progress.printf("cluster-job: %,d records in %d partitions on %s%n",
        n, options.partitions(), spark.sparkContext().master());

    RddStage rdd = AggregationStages.rddCategoryTotals(spark, n, options.partitions());
    steps.done("RDD mapPartitions + reduceByKey (%d categories)", rdd.totals().size());

    Dataset<Row> records = Records.frame(spark, n, options.partitions());
    var stats = AggregationStages.categoryStats(records);
    steps.done("DataFrame groupBy/agg (%d categories)", stats.size());

    var regions = AggregationStages.regionTotals(spark, records);
    steps.done("broadcast join with the category dimension (%d regions)", regions.size());

    var top = AggregationStages.topPerCategory(records, JobOptions.TOP_N);
    steps.done("window ranking, top %d per category (%d rows)", JobOptions.TOP_N, top.size());

    SparkWork work = counter.awaitAll(spark.sparkContext(), 30);
    spark.sparkContext().removeSparkListener(counter);
    return new JobResult(
        new Aggregates(rdd.totals(), stats, regions, top),
        ExpectedAggregates.of(n, JobOptions.TOP_N),
        SpreadReport.of(spark.sparkContext().applicationId(), n, rdd.partitions(), work));
  }

  /** Stage 5: the results as Parquet tables, published only once all of them are written. */
  static void writeResults(SparkSession spark, JobOptions options, JobResult result, PrintStream out)
      throws java.io.IOException {
    String output = options.output().orElseThrow();
    Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
    tables.put("category_quantities", frame(spark, result.actual().categoryQuantities(), Aggregates.CategoryQuantity.class));
    tables.put("category_stats", frame(spark, result.actual().categoryStats(), Aggregates.CategoryStats.class));
    tables.put("region_totals", frame(spark, result.actual().regionTotals(), Aggregates.RegionTotal.class));
    tables.put("top_per_category", frame(spark, result.actual().topPerCategory(), Aggregates.TopRecord.class));
    tables.put("partition_spread", frame(spark, result.report().partitions(), SpreadReport.PartitionRow.class));
    try (ResultPublisher publisher = new ResultPublisher(spark, output)) {
      publisher.stage(tables);
      publisher.publish();
    }
    out.printf("[5/5] Parquet results written to %s (%s)%n", output, String.join(", ", tables.keySet()));
  }

  private static <T extends Record> Dataset<Row> frame(SparkSession spark, List<T> rows, Class<T> type) {
    // One partition: these tables have a handful of rows, and one file each is easiest to read.
    return RecordFrames.of(spark, rows, type).coalesce(1);
  }

  private static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  /** Prints "[k/n] what, in x.y s" as each stage completes, so a long run shows it is moving. */
  private static final class Progress {
    private final PrintStream out;
    private final int total;
    private int done;
    private long last = System.nanoTime();

    Progress(PrintStream out, int total) {
      this.out = out;
      this.total = total;
    }

    void done(String what, Object... args) {
      long now = System.nanoTime();
      out.printf("[%d/%d] %s in %.1f s%n", ++done, total, String.format(what, args), (now - last) / 1e9);
      last = now;
    }
  }
}
