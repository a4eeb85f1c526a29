package dev.sparksuite.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparksuite.testkit.ClusterTier;
import dev.sparksuite.testkit.Command.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code docker/submit}, the one-line submit from the host, as a user runs it against the running
 * cluster: the cluster job, a Parquet lesson writing to the shared volume, and an ORC lesson with
 * Iceberg, whose runtime travels inside the jar. (An Avro lesson runs through it on HDFS, in {@code
 * ClusterHdfsIT}.)
 */
@ClusterTier
class ClusterSubmitIT extends OnTheSharedCluster {

  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(6);

  /** Bound as /opt/spark-data through SPARK_DATA_DIR, so lesson output lands on the host. */
  private static final Path DATA_DIR = TestClusters.SHARED_DATA_DIR;

  @Test
  void listNamesTheRunnableClassesOfEveryModule() throws Exception {
    Result list = submit("--list");

    assertThat(list.exitCode()).as(list.describe()).isZero();
    assertThat(list.stdout().lines().filter(line -> !line.startsWith(" ")))
        .containsExactly(
            "cluster-job (cluster-job.jar):",
            "cluster-lessons (cluster-lessons.jar):",
            "parquet (formats-parquet.jar):",
            "orc (formats-orc.jar):",
            "avro (formats-avro.jar):");
    assertThat(list.stdout().lines().map(String::strip))
        .contains(
            "ClusterJob",
            "ReadBackCheck",
            "DynamicAllocationExample",
            "BloomFilterExample",
            "ParquetInspect",
            "IcebergAcidExample",
            "OrcInspect",
            "SchemaEvolutionExample",
            "AvroInspect");
  }

  @Test
  void theClusterJobRunsWithOneCommandAndItsFirstStageUsesEveryWorker() throws Exception {
    Result run = submit("cluster-job");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout()).contains(ClusterJobs.SELF_CHECK_PASSED);
    JsonNode firstStage = ClusterJobs.report(cluster, run).path("stageRuns").path(0);
    Map<String, Integer> tasksPerWorker = new TreeMap<>();
    firstStage
        .path("hosts")
        .fields()
        .forEachRemaining(h -> tasksPerWorker.put(h.getKey(), h.getValue().path("tasks").asInt()));
    TestSettings.log(
        "docker/submit cluster-job: first stage's tasks per worker %s, %.1f s",
        tasksPerWorker, run.elapsed().toMillis() / 1e3);
    assertThat(tasksPerWorker)
        .as("stage 0 of %s", run.stdout())
        .containsOnlyKeys(ComposeCluster.WORKERS)
        .allSatisfy((host, tasks) -> assertThat(tasks).isPositive());
  }

  /**
   * submit sets spark.scheduler.minRegisteredResourcesRatio=1.0: the driver starts no job before
   * the cores it asked for (spark.cores.max) have registered, or the waiting time has passed. Asked
   * for 12 cores of the cluster's 6, the first job waits the whole 20 s; without the ratio it would
   * start as soon as the driver is ready.
   */
  @Test
  void submitHoldsTheFirstJobUntilTheCoresAskedForHaveRegistered() throws Exception {
    Result run =
        submit(
            Map.of(
                "SPARK_SUBMIT_OPTIONS",
                "--conf spark.cores.max=12 --conf spark.scheduler.maxRegisteredResourcesWaitingTime=20s"),
            "cluster-job",
            "--records",
            "100000");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    String application = ClusterJobs.applicationId(cluster, run);
    cluster.awaitStageHistory(application, Duration.ofSeconds(60));
    String app = ComposeCluster.HISTORY + "/api/v1/applications/" + application;
    Instant started = instant(cluster.getJson(app).path("attempts").path(0).path("startTime"));
    Instant firstJob = Instant.MAX;
    for (JsonNode job : cluster.getJson(app + "/jobs")) {
      Instant submitted = instant(job.path("submissionTime"));
      firstJob = submitted.isBefore(firstJob) ? submitted : firstJob;
    }
    Duration held = Duration.between(started, firstJob);
    TestSettings.log(
        "12 cores asked for, 6 in the cluster: the first job started %.1f s after the application",
        held.toMillis() / 1e3);
    assertThat(held)
        .as("application start to first job")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(20));
  }

  /** The REST API's times: 2026-11-25T04:30:16.450GMT. */
  private static Instant instant(JsonNode time) {
    return Instant.parse(time.asText().replace("GMT", "Z"));
  }

  @Test
  void aParquetLessonWritesUnderSparkDataInADirectoryNamedAfterIt() throws Exception {
    Result run = submit("parquet", "PredicatePushdownExample");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stderr())
        .contains(
            "formats-parquet.jar: PredicatePushdownExample writes to "
                + "/opt/spark-data/PredicatePushdownExample");
    assertThat(run.stdout())
        .contains("parquet-hadoop keeps 1 of 88 row groups")
        .contains("rows matching after Spark's Filter: 1,000");
    List<Path> onTheHost = filesOnTheHost("PredicatePushdownExample", ".parquet");
    TestSettings.log(
        "docker/submit parquet PredicatePushdownExample: %.1f s, Parquet files on the host: %s",
        run.elapsed().toMillis() / 1e3, onTheHost);
    assertThat(onTheHost)
        .as("the lesson's output through SPARK_DATA_DIR=%s", DATA_DIR)
        .isNotEmpty()
        .allSatisfy(
            file ->
                assertThat(Files.getAttribute(file, "unix:uid"))
                    .as("owner of %s", file)
                    .isEqualTo(185));
  }

  @Test
  void anOrcLessonWithIcebergRunsWithOneCommand() throws Exception {
    Result run = submit("orc", "IcebergAcidExample");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    // Iceberg's runtime travels inside the lesson's jar to every executor.
    assertThat(run.stdout())
        .contains("after MERGE:    [[1,DE,20.0], [3,DE,99.0], [4,NL,40.0]]")
        .contains("data file formats: [ORC]");
    assertThat(filesOnTheHost("IcebergAcidExample", ".orc"))
        .as("the lesson's ORC data files on the host")
        .isNotEmpty();
  }

  private static List<Path> filesOnTheHost(String lesson, String extension) throws IOException {
    try (Stream<Path> files = Files.walk(DATA_DIR.resolve(lesson))) {
      return files.filter(file -> file.toString().endsWith(extension)).toList();
    }
  }

  /** The jar's own index refuses a class it does not have, in one line after the JVM's warning. */
  @Test
  void anUnknownClassIsRefusedInOneLine() throws Exception {
    Result run = submit("parquet", "NoSuchExample");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr().lines().filter(line -> !line.startsWith("WARNING: Using incubator")))
        .containsExactly(
            "formats-parquet.jar: no lesson or tool named NoSuchExample: run the jar with no"
                + " arguments for the list");
  }

  /**
   * The skew lesson on the cluster, at Spark's defaults: the skew join split customer 0's partition
   * into more tasks, and the busiest task read a fraction of what it read without.
   */
  @Test
  void theSkewJoinSplitsTheHotPartitionOnTheCluster() throws Exception {
    Result run = submit("cluster-lessons", "SkewJoinExample");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    Pattern join =
        Pattern.compile(
            "skew join (off|on ): +(\\d+) join tasks; records read: busiest +([\\d,]+)");
    Map<String, long[]> joins = new TreeMap<>();
    Matcher m = join.matcher(run.stdout());
    while (m.find()) {
      joins.put(
          m.group(1).strip(),
          new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3).replace(",", ""))});
    }
    TestSettings.log(
        "SkewJoinExample on the cluster: off %s tasks, busiest %s records; on %s tasks, busiest %s",
        joins.get("off")[0], joins.get("off")[1], joins.get("on")[0], joins.get("on")[1]);
    assertThat(joins).as(run.stdout()).containsOnlyKeys("off", "on");
    assertThat(joins.get("off")[0]).isEqualTo(20);
    assertThat(joins.get("on")[0]).as("the hot partition split").isGreaterThan(20);
    assertThat(joins.get("on")[1] * 2).isLessThan(joins.get("off")[1]);
  }

  /** The script as a user runs it, against the tests' compose project. */
  private static Result submit(String... args) throws Exception {
    return submit(Map.of(), args);
  }

  private static Result submit(Map<String, String> environment, String... args) throws Exception {
    return ClusterJobs.dockerSubmit(environment, JOB_TIMEOUT, args);
  }

  /**
   * {@code --packages} on the cluster: the artifact comes from a file repository the build made (no
   * network), Ivy caches it where {@code spark.jars.ivy} says (the image's user has no home), and
   * the class loads inside the tasks, on the workers.
   */
  @Test
  void aPackageFromARepositoryLoadsOnTheExecutors() throws Exception {
    Result run =
        cluster
            .startSubmit(
                ComposeCluster.MASTER_URL,
                List.of(
                    "--repositories",
                    "file:/opt/spark-apps/repo",
                    "--packages",
                    "dev.sparksuite.probe:executor-probe:1.0",
                    "--class",
                    "dev.sparksuite.docker.apps.ClassOnExecutors",
                    "/opt/spark-apps/docker-tests.jar",
                    "dev.sparksuite.docker.probe.ExecutorProbe"))
            .await(Duration.ofMinutes(3));

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout()).containsPattern("LOADED executor-probe 1\\.0 on spark-worker-\\d");
  }
}
