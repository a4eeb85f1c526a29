package dev.sparksuite.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparksuite.cluster.ClusterJob.JobResult;
import dev.sparksuite.cluster.SpreadReport.HostTotal;
import dev.sparksuite.cluster.SpreadReport.PartitionRow;
import dev.sparksuite.testkit.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs the whole job on the shared local session and checks what it claims. */
class ClusterJobTest extends SparkTestBase {

  private static final Map<String, JobResult> RUNS = new ConcurrentHashMap<>();
  private static final Map<String, String> PROGRESS = new ConcurrentHashMap<>();

  /** Each size runs once; every test below reads the same run. */
  private static JobResult run(long records, int partitions) {
    return RUNS.computeIfAbsent(records + "/" + partitions, key -> {
      ByteArrayOutputStream progress = new ByteArrayOutputStream();
      JobResult result = ClusterJob.execute(
          spark, new JobOptions(records, partitions, Optional.empty(), 0),
          new PrintStream(progress, true, StandardCharsets.UTF_8));
      PROGRESS.put(key, progress.toString(StandardCharsets.UTF_8));
      return result;
    });
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
  void recordsSpreadOverExactlyPPartitionsWhoseSizesDifferByAtMostOne(long records, int partitions) {
    List<PartitionRow> rows = run(records, partitions).report().partitions();

    assertThat(rows).extracting(PartitionRow::partition)
        .as("every partition is reported exactly once, in order")
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, partitions).boxed().toList());
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

  @ParameterizedTest(name = "records = {0}, partitions = {1}")
  @CsvSource({"1000000, 12", "1000003, 7"})
  void sparkWorkIsCountedFromTheScheduler(long records, int partitions) {
    SpreadReport report = run(records, partitions).report();

    // At least: the RDD job's map stage (P tasks) and one stage per later action.
    assertThat(report.work().jobs()).isGreaterThanOrEqualTo(4);
    assertThat(report.work().stages()).isGreaterThanOrEqualTo(6);
    assertThat(report.work().tasks()).isGreaterThanOrEqualTo(2 * partitions);
    assertThat(report.work().tasksPerExecutor().values().stream().mapToInt(Integer::intValue).sum())
        .as("tasks per executor add up to all tasks")
        .isEqualTo(report.work().tasks());
    assertThat(report.hosts().stream().mapToInt(HostTotal::tasks).sum()).isEqualTo(report.work().tasks());
  }

  @ParameterizedTest(name = "records = {0}, partitions = {1}")
  @CsvSource({"1000000, 12"})
  void reportIsPrintedAsATableAndAsOneJsonLine(long records, int partitions) throws Exception {
    SpreadReport report = run(records, partitions).report();

    assertThat(report.table())
        .contains("Partition spread: 1,000,000 records in 12 partitions")
        .contains("Records per host:")
        .contains("########################################")
        .contains("Spark work: " + report.work().jobs() + " jobs");
    String line = report.jsonLine();
    assertThat(line).startsWith(SpreadReport.JSON_PREFIX).doesNotContain("\n");
    JsonNode json = new ObjectMapper().readTree(line.substring(SpreadReport.JSON_PREFIX.length()));
    assertThat(json.get("records").asLong()).isEqualTo(records);
    assertThat(json.get("partitions")).hasSize(partitions);
    assertThat(json.get("tasks").asInt()).isEqualTo(report.work().tasks());
  }

  @ParameterizedTest(name = "records = {0}, partitions = {1}")
  @CsvSource({"1000000, 12"})
  void writesEveryResultTableAsParquet(long records, int partitions, @TempDir Path dir) throws Exception {
    JobResult result = run(records, partitions);
    Path output = dir.resolve("results");

    ClusterJob.writeResults(spark, new JobOptions(records, partitions, Optional.of(output.toString()), 0),
        result, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertThat(rows(spark.read().parquet(output.resolve("category_stats").toString()).orderBy("category")))
        .containsExactlyElementsOf(result.expected().categoryStats().stream()
            .map(s -> row(s.category(), s.records(), s.amount(), s.minId(), s.maxId())).toList());
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
        .hasSize(4)
        .allMatch(l -> l.matches("\\[\\d/4] .+ in \\d+\\.\\d s"));
  }
}
