package dev.sparksuite.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparksuite.testkit.Command;
import dev.sparksuite.testkit.Command.Result;
import dev.sparksuite.testkit.SparkSubmit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The cluster of docker-compose.yml, brought up from the registry-free test image, running the
 * project's jars with spark-submit. Never skipped: where no Docker engine can be had, it fails and
 * says what to install.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  private static final String CLUSTER_JOB = "dev.sparksuite.cluster.ClusterJob";
  private static final String JSON_PREFIX = "SPREAD_REPORT_JSON ";
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(6);
  private static final List<String> WORKERS = List.of("spark-worker-1", "spark-worker-2", "spark-worker-3");

  private static final Path APPS_DIR = TestSettings.path("sparksuite.appsDir");

  private static ComposeCluster cluster;
  private static Duration clusterJobTime;
  private static String clusterJobApplication;

  @BeforeAll
  static void bringUpTheCluster() throws Exception {
    cluster = ComposeCluster.start(Map.of(), "docker-compose.yml");
    log("bring-up (compose up -> 3 workers ALIVE): %.1f s", cluster.bringUp().toMillis() / 1e3);
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void masterListsThreeAliveWorkersWithTwoCoresAndTwoGigabytes() throws Exception {
    JsonNode master = cluster.getJson(ComposeCluster.MASTER_UI + "/json/");

    assertThat(master.path("status").asText()).isEqualTo("ALIVE");
    List<String> workers = new ArrayList<>();
    for (JsonNode worker : master.path("workers")) {
      assertThat(worker.path("state").asText()).isEqualTo("ALIVE");
      assertThat(worker.path("cores").asInt()).isEqualTo(2);
      assertThat(worker.path("memory").asInt()).as("MB").isEqualTo(2048);
      workers.add(worker.path("host").asText());
    }
    assertThat(workers).containsExactlyInAnyOrderElementsOf(WORKERS);
  }

  @Test
  @Order(2)
  void masterExportsPrometheusMetricsWithThreeAliveWorkers() throws Exception {
    String metrics = cluster.get(ComposeCluster.MASTER_UI + "/metrics/master/prometheus");

    assertThat(metrics.lines())
        .as("the master's PrometheusServlet output:%n%s", metrics)
        .contains("metrics_master_aliveWorkers_Value{type=\"gauges\"} 3");
  }

  @Test
  @Order(3)
  void clusterJobSpreadsItsTwelvePartitionsOverAllThreeWorkers() throws Exception {
    Result run = submitClusterJob(ComposeCluster.MASTER_URL, "--wait-for-executors", "3").await(JOB_TIMEOUT);
    clusterJobTime = run.elapsed();

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout()).contains("Self-check: PASSED");
    JsonNode report = report(run);
    clusterJobApplication = report.path("applicationId").asText();
    assertThat(report.path("records").asLong()).isEqualTo(1_000_000);
    assertThat(report.path("partitions")).hasSize(12);
    Map<String, Integer> tasksPerHost = new TreeMap<>();
    report.path("hosts").forEach(h -> tasksPerHost.put(h.path("host").asText(), h.path("tasks").asInt()));
    log("cluster job %s: tasks per worker %s, wall time %.1f s", clusterJobApplication, tasksPerHost,
        clusterJobTime.toMillis() / 1e3);
    assertThat(tasksPerHost).as("every worker ran tasks").containsOnlyKeys(WORKERS)
        .allSatisfy((host, tasks) -> assertThat(tasks).isPositive());
  }

  @Test
  @Order(4)
  void historyServerListsTheFinishedApplicationAndItsExecutors() throws Exception {
    assertThat(clusterJobApplication).as("set by the cluster-job test").isNotBlank();
    String app = ComposeCluster.HISTORY + "/api/v1/applications/" + clusterJobApplication;
    JsonNode application = awaitCompleted(app, Duration.ofSeconds(60));

    assertThat(application.path("name").asText()).isEqualTo("spark-suite cluster-job");
    Map<String, Integer> tasksPerWorker = new TreeMap<>();
    for (JsonNode executor : cluster.getJson(app + "/allexecutors")) {
      if (!executor.path("id").asText().equals("driver")) {
        String host = executor.path("hostPort").asText().replaceFirst(":\\d+$", "");
        tasksPerWorker.merge(host, executor.path("totalTasks").asInt(), Integer::sum);
      }
    }
    log("application REST API (history server): tasks per worker %s", tasksPerWorker);
    assertThat(tasksPerWorker).containsOnlyKeys(WORKERS).allSatisfy((host, tasks) -> assertThat(tasks).isPositive());
  }

  @Test
  @Order(5)
  void theSameJobOnLocalSparkForComparison() throws Exception {
    Result local = SparkSubmit.runLocal(APPS_DIR.resolve("cluster-job.jar"), CLUSTER_JOB, List.of(), JOB_TIMEOUT);

    assertThat(local.exitCode()).as(local.describe()).isZero();
    assertThat(local.stdout()).contains("Self-check: PASSED");
    log("wall time of the 1M-record job: cluster %.1f s, local[2] %.1f s, cluster/local %.2f",
        clusterJobTime.toMillis() / 1e3, local.elapsed().toMillis() / 1e3,
        (double) clusterJobTime.toMillis() / local.elapsed().toMillis());
  }

  /**
   * One lesson per format module, on the cluster. Output goes to the data volume every node
   * mounts at /opt/spark-data, so executors write where the driver then reads footers.
   */
  @Test
  @Order(6)
  void aParquetLessonRunsOnTheCluster() throws Exception {
    Result run = submitLesson("dev.sparksuite.parquet.PredicatePushdownExample", "formats-parquet.jar",
        "/opt/spark-data/parquet-lesson");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout()).contains("read for id in [500000, 500999]: 1");
  }

  /** Iceberg's runtime travels inside the lesson's jar to every executor. */
  @Test
  @Order(6)
  void anOrcLessonWithIcebergRunsOnTheCluster() throws Exception {
    Result run = submitLesson("dev.sparksuite.orc.IcebergAcidExample", "formats-orc.jar",
        "/opt/spark-data/orc-lesson");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout()).contains("after MERGE:    [[1,DE,20.0], [3,DE,99.0], [4,NL,40.0]]")
        .contains("data file formats: [ORC]");
  }

  @Test
  @Order(6)
  void anAvroLessonRunsOnTheCluster() throws Exception {
    Result run = submitLesson("dev.sparksuite.avro.SchemaEvolutionExample", "formats-avro.jar",
        "/opt/spark-data/avro-lesson");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout()).contains("v1 file read by Spark with v2: [[1,customer 1,standard], [2,customer 2,standard]]");
  }

  /**
   * A format lesson on the cluster. Its output goes to the data volume every node mounts at
   * /opt/spark-data, so executors write where the driver then reads footers.
   */
  private static Result submitLesson(String lesson, String jar, String output) throws Exception {
    return cluster.startSubmit(ComposeCluster.MASTER_URL, List.of("--class", lesson, "/opt/spark-apps/" + jar, output))
        .await(JOB_TIMEOUT);
  }

  @Test
  @Order(7)
  void submittingToAnUnreachableMasterFailsWithOneLineInBoundedTime() throws Exception {
    Result run = submitClusterJob("spark://spark-master:7099").await(JOB_TIMEOUT);

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
    assertThat(run.stderrLines()).as(run.describe()).anySatisfy(line ->
        assertThat(line).startsWith("cluster-job: cannot reach the Spark master spark://spark-master:7099"));
    assertThat(run.elapsed()).isLessThan(Duration.ofSeconds(60));
  }

  @Test
  @Order(8)
  void jobCompletesCorrectlyWhenAWorkerIsKilledMidJob() throws Exception {
    Command.Running job = submitClusterJob(ComposeCluster.MASTER_URL,
        "--records", "10000000", "--partitions", "30", "--wait-for-executors", "3");
    awaitOutput(job, "[1/4]", Duration.ofMinutes(3));
    assertThat(job.isAlive()).as("the job is still running when the worker is killed").isTrue();

    Result kill = cluster.docker("kill", cluster.containerId("spark-worker-3"));
    assertThat(kill.exitCode()).as(kill.describe()).isZero();
    log("killed spark-worker-3 after stage 1 of the 10M-record job");
    Result run = job.await(JOB_TIMEOUT);

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout()).contains("Self-check: PASSED");
    assertThat(cluster.getJson(ComposeCluster.MASTER_UI + "/json/").path("aliveworkers").asInt())
        .as("the killed worker is gone").isEqualTo(2);
  }

  private static Command.Running submitClusterJob(String master, String... args) throws Exception {
    List<String> submit = new ArrayList<>(List.of("--conf", "spark.ui.showConsoleProgress=false",
        "--class", CLUSTER_JOB, "/opt/spark-apps/cluster-job.jar"));
    submit.addAll(List.of(args));
    return cluster.startSubmit(master, submit);
  }

  private static JsonNode report(Result run) throws Exception {
    String line = run.stdout().lines().filter(l -> l.startsWith(JSON_PREFIX)).findFirst()
        .orElseThrow(() -> new AssertionError("no report line in:\n" + run.describe()));
    return new ObjectMapper().readTree(line.substring(JSON_PREFIX.length()));
  }

  private static JsonNode awaitCompleted(String url, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        JsonNode app = cluster.getJson(url);
        if (app.path("attempts").path(0).path("completed").asBoolean()) {
          return app;
        }
      } catch (java.io.IOException e) {
        // not listed yet: the history server scans the event log directory every 2 s
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the history server did not list " + url + " as completed within " + timeout);
      }
      Thread.sleep(1000);
    }
  }

  private static void awaitOutput(Command.Running job, String text, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!job.stdoutSoFar().contains(text)) {
      if (!job.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("no '" + text + "' from the job:\n" + job.await(Duration.ofSeconds(30)).describe());
      }
      Thread.sleep(200);
    }
  }

  private static void log(String format, Object... args) {
    TestSettings.log(format, args);
  }
}
