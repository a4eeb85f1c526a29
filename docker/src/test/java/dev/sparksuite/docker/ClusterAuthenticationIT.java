package dev.sparksuite.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.ClusterTier;
import dev.sparksuite.testkit.Command.Result;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cluster with docker-compose.auth.yml: master and workers share a secret ({@code
 * spark.authenticate}), and only an application or a worker that presents it may join.
 */
@ClusterTier
class ClusterAuthenticationIT {

  private static final long CLASS_START = System.nanoTime();
  private static final String SECRET =
      HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(4);
  private static final String INTRUDER = "sparksuite-it-unauthenticated-worker";

  /** The master's reason for closing an unauthenticated connection, as the refused side logs it. */
  private static final Pattern AUTH_CAUSE =
      Pattern.compile("Expected SaslMessage, received something else");

  private static ComposeCluster cluster;

  @BeforeAll
  static void bringUpTheAuthenticatedCluster() throws Exception {
    // Three workers ALIVE already proves that the workers authenticated to the master.
    cluster =
        TestClusters.fresh(
            Map.of("SPARK_AUTH_SECRET", SECRET), "docker-compose.yml", "docker-compose.auth.yml");
  }

  @AfterAll
  static void tearDown() throws Exception {
    TestSettings.closeAndLogTime(cluster, ClusterAuthenticationIT.class, CLASS_START);
  }

  @Test
  void anApplicationWithTheSecretRunsOnAllWorkers() throws Exception {
    Result run =
        submit(
            List.of(
                "--conf",
                "spark.authenticate=true",
                "--conf",
                "spark.authenticate.secret=" + SECRET));

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout())
        .contains(ClusterJobs.SELF_CHECK_PASSED)
        .contains("3 executors registered");
  }

  /**
   * The job's own error line names spark.authenticate.secret whatever went wrong, so it proves
   * nothing; the proof is the cause in Spark's log: the master expected a SASL handshake and closed
   * the connection.
   */
  @Test
  void anApplicationWithoutTheSecretIsRefusedForWantOfAuthentication() throws Exception {
    Result run = submit(List.of());

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
    assertThat(run.stderrLines())
        .as(run.describe())
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith(
                        "cluster-job: the Spark application could not start on spark://spark-master:7077"));
    assertThat(run.stderrLines())
        .as("the refusal's cause in Spark's log:%n%s", run.stderr())
        .anySatisfy(line -> assertThat(line).containsPattern(AUTH_CAUSE));
  }

  /**
   * A worker started without the secret never joins: the master refuses it and keeps three workers.
   */
  @Test
  void aWorkerWithoutTheSecretIsRefusedByTheMaster() throws Exception {
    Result started =
        cluster.compose(
            "run",
            "-d",
            "--no-deps",
            "--name",
            INTRUDER,
            "-e",
            "SPARK_WORKER_OPTS=",
            "spark-worker-3",
            "/opt/spark/bin/spark-class",
            "org.apache.spark.deploy.worker.Worker",
            "--cores",
            "1",
            "--memory",
            "512m",
            "spark://spark-master:7077");
    assertThat(started.exitCode()).as(started.describe()).isZero();
    try {
      String log = "";
      // The refusal stays in the worker's log once written: the loop waits for it, long enough
      // for a JVM start and a registration attempt on a busy machine.
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (!AUTH_CAUSE.matcher(log).find() && System.nanoTime() < deadline) {
        Thread.sleep(1000);
        Result logs = cluster.docker("logs", INTRUDER);
        log = logs.stdout() + logs.stderr();
      }
      int workers = cluster.master().path("aliveworkers").asInt();

      TestSettings.log(
          "an unauthenticated worker: master lists %d ALIVE workers; its log: %s",
          workers,
          log.lines().filter(l -> AUTH_CAUSE.matcher(l).find()).findFirst().orElse("(no refusal)"));
      assertThat(log).as("the worker's log").containsPattern(AUTH_CAUSE);
      assertThat(workers).as("ALIVE workers: the three authenticated ones only").isEqualTo(3);
    } finally {
      cluster.docker("rm", "-f", INTRUDER);
    }
  }

  private static Result submit(List<String> authentication) throws Exception {
    List<String> args = new ArrayList<>(authentication);
    args.addAll(
        List.of(
            "--class",
            ClusterJobs.CLUSTER_JOB,
            ClusterJobs.JAR,
            "--records",
            "100000",
            "--wait-for-executors",
            "3"));
    return cluster.startSubmit(ComposeCluster.MASTER_URL, args).await(JOB_TIMEOUT);
  }
}
