package dev.sparksuite.cluster;

import dev.sparksuite.cluster.Aggregates.CategoryStats;
import dev.sparksuite.cluster.Aggregates.RegionTotal;
import dev.sparksuite.cluster.Aggregates.TopRecord;
import dev.sparksuite.cluster.AggregationStages.RddStage;
import dev.sparksuite.cluster.JobOptions.UsageException;
import dev.sparksuite.cluster.MasterPreflight.MasterUnreachableException;
import dev.sparksuite.lessonkit.Errors;
import dev.sparksuite.lessonkit.SparkWorkCounter;
import dev.sparksuite.lessonkit.SparkWorkCounter.SparkWork;
import dev.sparksuite.lessonkit.SqlConf;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A multi-stage aggregation over generated records that shows how partitions spread over the
 * workers of a cluster, and checks its own answer.
 *
 * <p>It teaches, stage by stage: map-side combining with {@code mapPartitions} + {@code
 * reduceByKey}; a DataFrame {@code groupBy} whose 10 rows meet a small dimension table in a
 * broadcast join; region totals rolled up from the category rows instead of another pass; a top-N
 * ranking in a window; and an all-or-nothing Parquet write. Then it prints which executor and host
 * processed each partition, the DAG of jobs and stages, task locality and the spread of every
 * stage, and compares every aggregate with its closed-form value (exit 1 on any difference).
 *
 * <p>Usage:
 *
 * <pre>
 * spark-submit --class dev.sparksuite.cluster.ClusterJob cluster-job/target/cluster-job.jar \
 *     [--records N] [--partitions P] [--output DIR] [--wait-for-executors E] [--report FILE]
 * </pre>
 *
 * <p>Defaults: 1,000,000 records in 12 partitions, no output. On a cluster, {@code
 * --wait-for-executors 3} holds the job until three executors have registered: the scheduler hands
 * tasks to whichever executors exist when a stage starts, so a job that starts while workers are
 * still joining piles its partitions onto the first one. The console report ends with the
 * self-check's verdict (then, with {@code --output}, where the results went); the same facts as
 * JSON go to {@code --report FILE} on the driver's machine (by default {@code
 * <java.io.tmpdir>/cluster-job-<user>/<application id>.json}), and the line before the verdict says
 * where.
 *
 * <p>Exit codes: 0 success, 1 failure (self-check, unreachable master, Spark error, a report that
 * cannot be written), 2 bad usage.
 */
public final class ClusterJob {

  /** Stages 1 to 4 compute; stage 5, the Parquet write, runs only with {@code --output}. */
  static final int COMPUTE_STAGES = 4;

  /** The steps that shuffle, as the progress lines and the Spark jobs they start are numbered. */
  static final int RDD_STEP = 1;

  static final int AGGREGATE_STEP = 2;
  static final int WINDOW_STEP = 4;
  private static final Duration MASTER_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration EXECUTOR_WAIT = Duration.ofSeconds(120);
  private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";

  private ClusterJob() {}

  /**
   * What one run found: the aggregates, their closed-form twins, where the work ran, and Spark's
   * evidence of what each stage teaches.
   */
  public record JobResult(
      Aggregates actual,
      Aggregates expected,
      SpreadReport report,
      StageEvidence evidence,
      PhaseTimes phases) {
    public List<String> mismatches() {
      return SelfCheck.mismatches(expected, actual);
    }

    /** What the job prints before its verdict: results, Spark's evidence, the spread report. */
    public String consoleReport() {
      return ResultTable.of(actual) + evidence.text() + report.table();
    }
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** The whole program, minus {@code System.exit}: returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      out.println(JobOptions.USAGE);
      return 0;
    }
    JobOptions options;
    try {
      options = JobOptions.parse(args);
    } catch (UsageException e) {
      err.println("cluster-job: " + e.getMessage() + " (--help prints the usage)");
      return 2;
    }
    String master = new SparkConf().get("spark.master", null);
    try {
      MasterPreflight.check(master, MASTER_CONNECT_TIMEOUT);
    } catch (MasterUnreachableException e) {
      err.println("cluster-job: " + e.getMessage());
      return 1;
    }
    SparkSession spark = startSession(master, err);
    if (spark == null) {
      return 1;
    }
    try {
      ExecutorWait.atLeast(spark, options.waitForExecutors(), EXECUTOR_WAIT, out);
      JobResult result = execute(spark, options, out);
      out.print(result.consoleReport());
      // A report that cannot be written fails the run, but only after the verdict and the results:
      // they cost the whole job and do not depend on it.
      Optional<String> reportFailure = writeReport(result, options, out);
      if (!selfCheckPassed(result, options, out, err)) {
        reportFailure.ifPresent(err::println);
        return 1;
      }
      if (options.output().isPresent()) {
        writeResults(spark, options, result, out);
      }
      reportFailure.ifPresent(err::println);
      return reportFailure.isPresent() ? 1 : 0;
    } catch (Exception e) {
      if (spark.sparkContext().isStopped()) {
        // Spark gave the application up while it waited or ran: the master refused it.
        err.println(couldNotStart(master, e));
      } else {
        err.println("cluster-job: failed: " + oneLine(e));
      }
      return 1;
    } finally {
      spark.stop();
    }
  }

  /**
   * Writes the JSON report and says where; if it cannot, the one line to print last, when the run
   * has told everything else.
   */
  static Optional<String> writeReport(JobResult result, JobOptions options, PrintStream out) {
    Path file = ReportFile.of(options.report(), result.report().applicationId());
    try {
      ReportFile.write(file, result.report().json());
    } catch (IOException e) {
      return Optional.of("cluster-job: cannot write the report to " + file + ": " + oneLine(e));
    }
    out.println("Report (JSON): " + file.toAbsolutePath());
    return Optional.empty();
  }

  /**
   * A standalone master that refuses the application (most often: the cluster requires
   * spark.authenticate and this submit has no matching secret) leaves a stopped context, either
   * before the session is returned or, depending on timing, soon after.
   */
  private static SparkSession startSession(String master, PrintStream err) {
    try {
      return SparkSession.builder().appName("spark-suite cluster-job").getOrCreate();
    } catch (RuntimeException e) {
      err.println(couldNotStart(master, e));
      return null;
    }
  }

  private static String couldNotStart(String master, Exception e) {
    return "cluster-job: the Spark application could not start on "
        + master
        + ": "
        + oneLine(e)
        + " (Spark's log above names the cause; a cluster with spark.authenticate needs the same"
        + " spark.authenticate.secret)";
  }

  private static boolean selfCheckPassed(
      JobResult result, JobOptions options, PrintStream out, PrintStream err) {
    List<String> mismatches = result.mismatches();
    if (mismatches.isEmpty()) {
      out.println("Self-check: PASSED (every aggregate equals its closed-form value)");
      return true;
    }
    err.println(
        "cluster-job: self-check FAILED: "
            + mismatches.size()
            + " results differ from the closed form");
    mismatches.forEach(m -> err.println("  " + m));
    options.output().ifPresent(o -> err.println("cluster-job: " + o + " was left as it was"));
    return false;
  }

  /**
   * Stages 1 to 4 in reading order; each prints a progress line when it completes. The job sizes
   * its own shuffles (10 reduce partitions, one per category) whatever the session's default, and
   * puts the session's setting back afterwards.
   */
  public static JobResult execute(SparkSession spark, JobOptions options, PrintStream progress) {
    long n = options.records();
    progress.printf(
        Locale.ROOT,
        "cluster-job: %,d records in %d partitions on %s%n",
        n,
        options.partitions(),
        spark.sparkContext().master());
    int totalSteps = COMPUTE_STAGES + (options.output().isPresent() ? 1 : 0);
    PhaseTimes phases = new PhaseTimes();
    Progress steps = new Progress(spark.sparkContext(), progress, totalSteps, phases);
    SparkWorkCounter counter =
        phases.time(
            "counting starts (marker job)", () -> SparkWorkCounter.register(spark.sparkContext()));
    try {
      return SqlConf.with(
          spark,
          SHUFFLE_PARTITIONS,
          AggregationStages.SHUFFLE_PARTITIONS,
          () -> stages(spark, options, n, totalSteps, steps, counter, phases));
    } finally {
      steps.end();
      spark.sparkContext().removeSparkListener(counter);
    }
  }

  private static JobResult stages(
      SparkSession spark,
      JobOptions options,
      long n,
      int totalSteps,
      Progress steps,
      SparkWorkCounter counter,
      PhaseTimes phases) {
    steps.start("RDD mapPartitions + reduceByKey", "AggregationStages.rddCategoryTotals");
    RddStage rdd = AggregationStages.rddCategoryTotals(spark, n, options.partitions());
    steps.done("%d categories", rdd.totals().size());

    steps.start(
        "DataFrame groupBy/agg, then a broadcast join with the category dimension",
        "AggregationStages.categoryStats");
    Dataset<Row> records = Records.frame(spark, n, options.partitions());
    Dataset<Row> statsPlan = AggregationStages.categoryStatsPlan(spark, records);
    List<CategoryStats> stats = AggregationStages.collectCategoryStats(statsPlan);
    steps.done("%d categories", stats.size());

    steps.start(
        "region totals rolled up from the category rows, no pass over the records",
        "AggregationStages.regionTotals");
    List<RegionTotal> regions = AggregationStages.regionTotals(stats);
    steps.done("%d regions", regions.size());

    steps.start(
        "window ranking, top " + JobOptions.TOP_N + " per category",
        "AggregationStages.topPerCategory");
    Dataset<Row> topPlan =
        AggregationStages.topPerCategoryPlan(
            Records.ids(spark, n, options.partitions()), JobOptions.TOP_N);
    List<TopRecord> top = AggregationStages.collectTop(topPlan);
    steps.done("%d rows", top.size());

    SparkWork work =
        phases.time(
            "counting ends (marker job, listener drain)",
            () -> counter.awaitAll(spark.sparkContext(), 30));
    Aggregates expected =
        phases.time("closed-form answer", () -> ExpectedAggregates.of(n, JobOptions.TOP_N));
    SpreadReport report =
        phases.time(
            "spread report",
            () -> SpreadReport.of(spark.sparkContext().applicationId(), n, rdd.partitions(), work));
    StageEvidence evidence =
        phases.time(
            "stage evidence",
            () ->
                StageEvidence.of(work, totalSteps, PlanNodes.of(statsPlan), PlanNodes.of(topPlan)));
    return new JobResult(
        new Aggregates(rdd.totals(), stats, regions, top), expected, report, evidence, phases);
  }

  /** Stage 5: the results as Parquet tables, published only once all of them are written. */
  static void writeResults(
      SparkSession spark, JobOptions options, JobResult result, PrintStream out)
      throws IOException {
    String output = options.output().orElseThrow();
    Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
    tables.put(
        "category_quantities",
        frame(spark, result.actual().categoryQuantities(), Aggregates.CategoryQuantity.class));
    tables.put(
        "category_stats",
        frame(spark, result.actual().categoryStats(), Aggregates.CategoryStats.class));
    tables.put(
        "region_totals",
        frame(spark, result.actual().regionTotals(), Aggregates.RegionTotal.class));
    tables.put(
        "top_per_category",
        frame(spark, result.actual().topPerCategory(), Aggregates.TopRecord.class));
    tables.put(
        "partition_spread",
        frame(spark, result.report().partitions(), SpreadReport.PartitionRow.class));
    try (ResultPublisher publisher = new ResultPublisher(spark, output)) {
      publisher.recover().forEach(out::println);
      publisher.stage(tables);
      publisher.publish();
    }
    out.printf(
        Locale.ROOT,
        "[%d/%d] Parquet results written to %s (%s)%n",
        COMPUTE_STAGES + 1,
        COMPUTE_STAGES + 1,
        output,
        String.join(", ", tables.keySet()));
  }

  private static <T extends Record> Dataset<Row> frame(
      SparkSession spark, List<T> rows, Class<T> type) {
    // One partition: these tables have a handful of rows, and one file each is easiest to read.
    return RecordFrames.of(spark, rows, type).coalesce(1);
  }

  /** The root cause's first line: what a user needs to see of a failure. */
  static String oneLine(Throwable e) {
    Throwable root = Errors.rootCause(e);
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  /**
   * Prints "[k/n] what: result in x.y s" as each stage completes, so a long run shows it is moving,
   * and labels the Spark jobs each stage starts, so the report's DAG says which stage ran which
   * job. (Without a call site of its own, a stage that adaptive execution submits from its thread
   * pool is named after a line of {@code CompletableFuture}.)
   */
  private static final class Progress {
    private final PrintStream out;
    private final int total;
    private final SparkContext context;
    private final PhaseTimes phases;
    private int step;
    private String what;
    private long started;

    Progress(SparkContext context, PrintStream out, int total, PhaseTimes phases) {
      this.context = context;
      this.phases = phases;
      this.out = out;
      this.total = total;
    }

    void start(String what, String callSite) {
      this.what = what;
      step++;
      started = System.nanoTime();
      context.setJobDescription(String.format(Locale.ROOT, "[%d/%d] %s", step, total, what));
      context.setCallSite(callSite);
    }

    void done(String result, Object... args) {
      long elapsed = System.nanoTime() - started;
      phases.add(String.format(Locale.ROOT, "[%d/%d] %s", step, total, what), elapsed);
      out.printf(
          Locale.ROOT,
          "[%d/%d] %s: %s in %.1f s%n",
          step,
          total,
          what,
          String.format(Locale.ROOT, result, args),
          elapsed / 1e9);
    }

    void end() {
      context.setJobDescription(null);
      context.clearCallSite();
    }
  }
}
