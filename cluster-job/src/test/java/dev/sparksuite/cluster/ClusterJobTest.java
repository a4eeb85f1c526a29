package dev.sparksuite.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparksuite.cluster.ClusterJob.JobResult;
import dev.sparksuite.cluster.SpreadReport.HostShare;
import dev.sparksuite.cluster.SpreadReport.HostTotal;
import dev.sparksuite.cluster.SpreadReport.PartitionRow;
import dev.sparksuite.lessonkit.SparkWorkCounter.JobRun;
import dev.sparksuite.lessonkit.SparkWorkCounter.SparkWork;
import dev.sparksuite.lessonkit.SparkWorkCounter.StageRun;
import dev.sparksuite.testkit.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs the whole job on the shared local session and checks what it claims. */
class ClusterJobTest extends SparkTestBase {

  private static final String STAGE_2 =
      "DataFrame groupBy/agg, then a broadcast join with the category dimension";
  private static final Map<String, JobResult> RUNS = new ConcurrentHashMap<>();
  private static final Map<String, String> PROGRESS = new ConcurrentHashMap<>();

  /** Each size runs once; every test below reads the same run. */
  private static JobResult run(long records, int partitions) {
    return RUNS.computeIfAbsent(
        records + "/" + partitions,
        key -> {
          ByteArrayOutputStream progress = new ByteArrayOutputStream();
          JobResult result =
              ClusterJob.execute(
                  spark,
                  new JobOptions(records, partitions, Optional.empty(), 0, Optional.empty()),
                  new PrintStream(progress, true, StandardCharsets.UTF_8));
          PROGRESS.put(key, progress.toString(StandardCharsets.UTF_8));
          return result;
        });
  }

  /**
   * A report whose place became unusable while the job ran: no "Report (JSON)" line, and one line
   * that run() prints last, after the verdict and the results.
   */
  @Test
  void aReportThatCannotBeWrittenIsOneLineForTheEndAndNoReportLine(@TempDir Path dir)
      throws Exception {
    Path file = Files.writeString(dir.resolve("became-a-file"), "x");
    Path report = file.resolve("r.json");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    Optional<String> failure =
        ClusterJob.writeReport(
            run(1_000_000, 12),
            new JobOptions(1_000, 2, Optional.empty(), 0, Optional.of(report.toString())),
            new PrintStream(out, true, StandardCharsets.UTF_8));

    assertThat(failure)
        .hasValueSatisfying(
            line ->
                assertThat(line)
                    .startsWith("cluster-job: cannot write the report to " + report + ": ")
                    .doesNotContain("\n"));
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @ParameterizedTest(name = "records = {0}, partitions = {1}")
  @CsvSource({"1000000, 12", "1000003, 7"})
  void aggregatesEqualTheClosedFormValues(long records, int partitions) {
    JobResult result = run(records, partitions);

    assertThat(result.actual()).isEqualTo(ExpectedAggregates.of(records, JobOptions.TOP_N));
    assertThat(result.mismatches()).isEmpty();
  }

  @ParameterizedTest(name = "records = {0}, partitions = {1}")
  @CsvSource({"1000000, 12", "1000003, 7"})
  void recordsSpreadOverExactlyPPartitionsWhoseSizesDifferByAtMostOne(
      long records, int partitions) {
    List<PartitionRow> rows = run(records, partitions).report().partitions();

    assertThat(rows)
        .extracting(PartitionRow::partition)
        .as("every partition is reported exactly once, in order")
        .containsExactlyElementsOf(IntStream.range(0, partitions).boxed().toList());
    long smallest = rows.stream().mapToLong(PartitionRow::records).min().orElseThrow();
    long largest = rows.stream().mapToLong(PartitionRow::records).max().orElseThrow();
    assertThat(largest - smallest).as("range() splits the ids evenly").isLessThanOrEqualTo(1);
    assertThat(rows.stream().mapToLong(PartitionRow::records).sum()).isEqualTo(records);
  }

  @ParameterizedTest(name = "records = {0}, partitions = {1}")
  @CsvSource({"1000000, 12", "1000003, 7"})
  void perHostTotalsSumToAllRecordsAndPartitions(long records, int partitions) {
    SpreadReport report = run(records, partitions).report();

    assertThat(report.hosts()).isNotEmpty();
    assertThat(report.hosts().stream().mapToLong(HostTotal::records).sum()).isEqualTo(records);
    assertThat(report.hosts().stream().mapToInt(HostTotal::partitions).sum()).isEqualTo(partitions);
    // Local mode: one executor, the driver, ran every partition.
    assertThat(report.partitions()).extracting(PartitionRow::executor).containsOnly("driver");
  }

  /**
   * local[2] with the test session's default parallelism of 4: every count below is fixed by the
   * plan, so it is asserted exactly. Adaptive execution runs each shuffle's map side as a job of
   * its own, then the rest of the query as another job in which that map stage shows as skipped.
   */
  @ParameterizedTest(name = "records = {0}, partitions = {1}")
  @CsvSource({"1000000, 12", "1000003, 7"})
  void sparkWorkIsCountedExactlyFromTheScheduler(long records, int partitions) {
    SparkWork work = run(records, partitions).report().work();
    int broadcastTasks = Math.min(Records.CATEGORIES, spark.sparkContext().defaultParallelism());

    assertThat(work.jobRuns())
        .extracting(JobRun::description)
        .as("jobs per stage, in order")
        .containsExactly(
            "[1/4] RDD mapPartitions + reduceByKey", // map + reduce stages in one job
            "[2/4] " + STAGE_2, // collects the dimension to broadcast it
            "[2/4] " + STAGE_2, // partial aggregate, shuffle write
            "[2/4] " + STAGE_2, // final aggregate and the join
            "[4/4] window ranking, top 3 per category", // candidates, partial limit, shuffle write
            "[4/4] window ranking, top 3 per category"); // final limit and window
    assertThat(work.stages()).as("2 skipped map stages are not counted").isEqualTo(7);
    assertThat(work.tasks())
        .as("tasks")
        .isEqualTo(
            partitions
                + AggregationStages.SHUFFLE_PARTITIONS // RDD: map tasks, then 10 reduce tasks
                + broadcastTasks // the 10-row dimension, collected
                + partitions
                + 1 // groupBy: map tasks, then 10 tiny partitions coalesced into 1
                + partitions
                + 1); // window: same
    assertThat(work.tasksPerExecutor())
        .as("local mode: the driver ran everything")
        .containsExactly(Map.entry("driver", work.tasks()));
    assertThat(run(records, partitions).report().hosts().stream().mapToInt(HostTotal::tasks).sum())
        .isEqualTo(work.tasks());
  }

  @ParameterizedTest(name = "records = {0}, partitions = {1}")
  @CsvSource({"1000000, 12", "1000003, 7"})
  void everyStageReportsLocalityAndSpreadThatAddUpToItsTasks(long records, int partitions) {
    SpreadReport report = run(records, partitions).report();

    List<StageRun> ran = report.work().stageRuns().stream().filter(StageRun::completed).toList();
    assertThat(ran)
        .hasSize(report.work().stages())
        .allSatisfy(
            stage -> {
              assertThat(stage.locality().values().stream().mapToInt(Integer::intValue).sum())
                  .as("locality counts of stage %d", stage.stage())
                  .isEqualTo(stage.partitions());
              assertThat(report.hostsOf(stage).values().stream().mapToInt(HostShare::tasks).sum())
                  .as("tasks per host of stage %d", stage.stage())
                  .isEqualTo(stage.partitions());
            });
    List<StageRun> overRecords = ran.stream().filter(s -> s.partitions() == partitions).toList();
    assertThat(overRecords)
        .as("the RDD map stage, the groupBy map stage, the window map stage")
        .hasSize(3)
        .allSatisfy(
            stage -> {
              assertThat(stage.records())
                  .as("records read by stage %d", stage.stage())
                  .isEqualTo(records);
              assertThat(stage.locality().get("PROCESS_LOCAL")).isEqualTo(partitions);
            });
    assertThat(report.evenness())
        .startsWith("one host ran all " + partitions + " tasks of each record stage");
  }

  @ParameterizedTest(name = "records = {0}, partitions = {1}")
  @CsvSource({"1000000, 12"})
  void theJobShufflesPartialsAndCandidatesNeverRecords(long records, int partitions) {
    SparkWork work = run(records, partitions).report().work();

    assertThat(work.stageRuns())
        .filteredOn(s -> s.shuffleWriteRecords() > 0)
        .extracting(StageRun::shuffleWriteRecords)
        .as("records written to shuffles, stage by stage")
        .containsExactly(
            (long) Records.CATEGORIES * partitions, // RDD partials
            (long) Records.CATEGORIES * partitions, // groupBy partials
            (long) JobOptions.TOP_N * Records.CATEGORIES * partitions); // window candidates
  }

  @ParameterizedTest(name = "records = {0}, partitions = {1}")
  @CsvSource({"1000000, 12", "1000003, 7"})
  void theEvidenceOfEachStageIsReadFromSparksOwnCountsAndPlans(long records, int partitions) {
    StageEvidence evidence = run(records, partitions).evidence();

    long partials = (long) Records.CATEGORIES * partitions;
    assertThat(evidence.rdd())
        .as("RDD map side")
        .isEqualTo(
            new StageEvidence.MapSide(
                partitions, records, partials, evidence.rdd().bytesShuffled()));
    assertThat(evidence.aggregate())
        .as("DataFrame aggregate map side")
        .isEqualTo(
            new StageEvidence.MapSide(
                partitions, records, partials, evidence.aggregate().bytesShuffled()));
    assertThat(evidence.window().rowsShuffled())
        .as("window candidates")
        .isEqualTo(JobOptions.TOP_N * partials);
    assertThat(List.of(evidence.rdd(), evidence.aggregate(), evidence.window()))
        .allSatisfy(side -> assertThat(side.bytesShuffled()).isPositive());
    assertThat(evidence.join())
        .startsWith("BroadcastHashJoin [category], [category], Inner, BuildRight");
    assertThat(evidence.windowLimits())
        .hasSize(2)
        .allMatch(
            limit ->
                limit.startsWith(
                    "WindowGroupLimit [category], [amount DESC NULLS LAST, id DESC NULLS LAST], row_number(), 3,"))
        .anyMatch(limit -> limit.endsWith("Partial"));
    assertThat(evidence.text())
        .contains(
            String.format(
                Locale.ROOT,
                "[1/4] map-side combine: %d map tasks read %,d records and shuffled %,d partial sums",
                partitions,
                records,
                partials))
        .contains("join: BroadcastHashJoin")
        .contains("limits Spark planned on top of it: WindowGroupLimit");
  }

  @ParameterizedTest(name = "records = {0}, partitions = {1}")
  @CsvSource({"1000000, 12"})
  void reportIsPrintedAsATableAndAsOneJsonLine(long records, int partitions) throws Exception {
    SpreadReport report = run(records, partitions).report();

    assertThat(report.table())
        .contains("Partition spread (RDD stage): 1,000,000 records in 12 partitions")
        .contains("Records per host (RDD stage):")
        .contains("########################################")
        .contains(
            "Spark work: 6 jobs, 7 stages (2 skipped: their shuffle output was reused), "
                + report.work().tasks()
                + " tasks")
        .containsPattern("  job \\d+  \\[1/4] RDD mapPartitions \\+ reduceByKey")
        .containsPattern("    stage \\d+ +AggregationStages.categoryStats +12 tasks")
        .contains("PROCESS_LOCAL")
        .contains("Evenness: one host ran all 12 tasks");
    JsonNode json = new ObjectMapper().readTree(report.json());
    assertThat(json.get("applicationId").asText()).isEqualTo(report.applicationId());
    assertThat(json.get("records").asLong()).isEqualTo(records);
    assertThat(json.get("partitions")).hasSize(partitions);
    assertThat(json.get("tasks").asInt()).isEqualTo(report.work().tasks());
    assertThat(json.get("dag")).hasSize(report.work().jobs());
    assertThat(json.get("stageRuns"))
        .allSatisfy(
            stage -> {
              int localities = 0;
              for (JsonNode count : stage.get("locality")) {
                localities += count.asInt();
              }
              assertThat(localities)
                  .as("locality counts of %s", stage)
                  .isEqualTo(stage.get("tasks").asInt());
              int hostTasks = 0;
              for (JsonNode host : stage.get("hosts")) {
                hostTasks += host.get("tasks").asInt();
              }
              assertThat(hostTasks)
                  .as("tasks per host of %s", stage)
                  .isEqualTo(stage.get("tasks").asInt());
            });
  }

  @ParameterizedTest(name = "records = {0}, partitions = {1}")
  @CsvSource({"1000000, 12"})
  void writesEveryResultTableAsParquet(long records, int partitions, @TempDir Path dir)
      throws Exception {
    JobResult result = run(records, partitions);
    Path output = dir.resolve("results");

    ClusterJob.writeResults(
        spark,
        new JobOptions(records, partitions, Optional.of(output.toString()), 0, Optional.empty()),
        result,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertThat(
            rows(
                spark
                    .read()
                    .parquet(output.resolve("category_stats").toString())
                    .orderBy("category")))
        .containsExactlyElementsOf(
            result.expected().categoryStats().stream()
                .map(
                    s ->
                        row(
                            s.category(),
                            s.region(),
                            s.records(),
                            s.amount(),
                            s.minId(),
                            s.maxId()))
                .toList());
    assertThat(spark.read().parquet(output.resolve("partition_spread").toString()).count())
        .isEqualTo(partitions);
    assertThat(spark.read().parquet(output.resolve("top_per_category").toString()).count())
        .isEqualTo(10L * JobOptions.TOP_N);
  }

  @ParameterizedTest(name = "records = {0}, partitions = {1}")
  @CsvSource({"1000000, 12"})
  void printsAProgressLineAsEachStageCompletes(long records, int partitions) {
    run(records, partitions);

    assertThat(PROGRESS.get(records + "/" + partitions).lines().filter(l -> l.startsWith("[")))
        .hasSize(ClusterJob.COMPUTE_STAGES)
        .allMatch(l -> l.matches("\\[\\d/4] .+: .+ in \\d+\\.\\d s"));
  }

  @ParameterizedTest(name = "records = {0}, partitions = {1}")
  @CsvSource({"1000000, 12"})
  void theJobSetsItsOwnShufflePartitionsAndPutsTheSessionsBack(long records, int partitions) {
    run(records, partitions);

    assertThat(spark.conf().get("spark.sql.shuffle.partitions"))
        .as("the test session's setting")
        .isEqualTo("4");
  }

  @Test
  void aFailingStageLeavesNoListenerBehind() {
    int before = spark.sparkContext().listenerBus().listeners().size();
    PrintStream failing =
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8) {
          @Override
          public PrintStream format(Locale locale, String format, Object... args) {
            if (format.startsWith("[")) {
              throw new IllegalStateException("the progress line could not be written");
            }
            return super.format(locale, format, args);
          }
        };

    assertThatThrownBy(
            () ->
                ClusterJob.execute(
                    spark,
                    new JobOptions(1_000, 2, Optional.empty(), 0, Optional.empty()),
                    failing))
        .hasMessage("the progress line could not be written");
    assertThat(spark.sparkContext().listenerBus().listeners())
        .as("listeners after the failure")
        .hasSize(before);
    assertThat(spark.conf().get("spark.sql.shuffle.partitions")).isEqualTo("4");
  }

  @Test
  void waitingForExecutorsOnLocalSparkReturnsAtOnce() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long started = System.nanoTime();

    ExecutorWait.atLeast(
        spark, 3, Duration.ofSeconds(10), new PrintStream(out, true, StandardCharsets.UTF_8));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "cluster-job: --wait-for-executors 3 ignored on local[2]: the driver is the only executor"
                + System.lineSeparator());
  }
}
