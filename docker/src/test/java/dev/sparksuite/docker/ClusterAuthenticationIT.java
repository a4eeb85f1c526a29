package dev.sparksuite.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.ClusterTier;
import dev.sparksuite.testkit.Command.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The default cluster is closed: on a compose project's first {@code up}, spark-init makes a random
 * secret and writes it, with {@code spark.authenticate=true}, into the configuration every Spark
 * process reads. Applications submitted from spark-client authenticate without being told; an
 * application or a worker without the secret is refused; the secret is on no command line and in no
 * container's configuration.
 */
@ClusterTier
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterAuthenticationIT extends OnTheSharedCluster {

  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(4);
  private static final String INTRUDER = "sparksuite-it-unauthenticated-worker";

  /** The master's reason for closing an unauthenticated connection, as the refused side logs it. */
  private static final Pattern AUTH_CAUSE =
      Pattern.compile("Expected SaslMessage, received something else");

  /**
   * The application without the secret, submitted before the class's first test: Spark gives up on
   * it only after three registration attempts (about a minute), which it spends waiting, holding no
   * core, while the other tests run; the last test reads how it ended.
   */
  private static ComposeCluster.Submission withoutTheSecret;

  @BeforeAll
  static void submitAnApplicationWithoutTheSecret() throws Exception {
    String empty = "/tmp/without-the-cluster-configuration.conf";
    Result created = cluster.compose("exec", "-T", "spark-client", "touch", empty);
    assertThat(created.exitCode()).as(created.describe()).isZero();
    withoutTheSecret =
        cluster.startSubmit(
            ComposeCluster.MASTER_URL, jobArguments(List.of("--properties-file", empty)));
  }

  @Test
  void anApplicationFromTheClientAuthenticatesWithoutBeingGivenTheSecret() throws Exception {
    Result run = submit(List.of());

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout())
        .contains(ClusterJobs.SELF_CHECK_PASSED)
        .contains("3 executors registered");
  }

  /**
   * The job's own error line names spark.authenticate.secret whatever went wrong, so it proves
   * nothing; the proof is the cause in Spark's log: the master expected a SASL handshake and closed
   * the connection. An empty properties file stands for a client that does not have the cluster's
   * configuration.
   */
  @Test
  @Order(Integer.MAX_VALUE)
  void anApplicationWithoutTheSecretIsRefusedForWantOfAuthentication() throws Exception {
    Result run = withoutTheSecret.await(JOB_TIMEOUT);

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
   * A worker started without the cluster's configuration (SPARK_CONF_DIR pointing elsewhere) never
   * joins: the master refuses it and keeps three workers.
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
            "SPARK_CONF_DIR=/tmp",
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

  /**
   * While an application runs (its driver in spark-client, its executors on the workers), every
   * process of every container is read: the secret is in none of their command lines, and in no
   * container's configuration as {@code docker inspect} shows it (environment, command, labels).
   */
  @Test
  void theSecretIsOnNoCommandLineAndInNoContainersConfiguration() throws Exception {
    String secret = secretOf(cluster);
    assertThat(secret).as("the project's secret").matches("[0-9a-f]{64}");

    List<String> commandLines = new ArrayList<>();
    try (HeldJob job = HeldJob.submit(cluster, 3)) {
      job.awaitHolding(Duration.ofMinutes(2));
      for (String container : cluster.runningContainers()) {
        Result read =
            cluster.docker(
                "exec",
                container,
                "bash",
                "-c",
                "for f in /proc/[0-9]*/cmdline; do tr '\\0' ' ' < \"$f\" 2>/dev/null; echo; done");
        assertThat(read.exitCode()).as(read.describe()).isZero();
        commandLines.addAll(read.stdout().lines().filter(l -> !l.isBlank()).toList());
      }
      job.releaseAndAwait(JOB_TIMEOUT);
    }
    Result inspect =
        cluster.docker(
            List.of(List.of("inspect"), cluster.runningContainers()).stream()
                .flatMap(List::stream)
                .toArray(String[]::new));

    assertThat(commandLines)
        .as("the processes read include the master, a worker, the driver and an executor")
        .anyMatch(l -> l.contains("org.apache.spark.deploy.master.Master"))
        .anyMatch(l -> l.contains("org.apache.spark.deploy.worker.Worker"))
        .anyMatch(l -> l.contains("org.apache.spark.deploy.SparkSubmit"))
        .anyMatch(l -> l.contains("CoarseGrainedExecutorBackend"))
        .noneMatch(l -> l.contains(secret));
    assertThat(inspect.exitCode()).as(inspect.describe()).isZero();
    assertThat(inspect.stdout()).as("docker inspect of every container").doesNotContain(secret);
  }

  /** Each compose project makes its own secret: a second project's spark-init makes another. */
  @Test
  void anotherComposeProjectGetsAnotherSecret() throws Exception {
    ComposeCluster other = cluster.asProject(TestSettings.PROJECT + "-other");
    try {
      Result init = other.compose("run", "--rm", "--no-deps", "spark-init");
      assertThat(init.exitCode()).as(init.describe()).isZero();
      Result read =
          other.compose(
              "run",
              "--rm",
              "--no-deps",
              "--entrypoint",
              "cat",
              "spark-init",
              "/opt/spark-auth/secret");
      assertThat(read.exitCode()).as(read.describe()).isZero();

      assertThat(read.stdout().trim()).matches("[0-9a-f]{64}").isNotEqualTo(secretOf(cluster));
    } finally {
      other.compose("down", "-v", "--remove-orphans");
    }
  }

  /** The secret of a running cluster, as its processes read it (uid 185 in spark-client). */
  private static String secretOf(ComposeCluster cluster) throws Exception {
    Result read = cluster.compose("exec", "-T", "spark-client", "cat", "/opt/spark-auth/secret");
    assertThat(read.exitCode()).as(read.describe()).isZero();
    return read.stdout().trim();
  }

  private static Result submit(List<String> options) throws Exception {
    return cluster.startSubmit(ComposeCluster.MASTER_URL, jobArguments(options)).await(JOB_TIMEOUT);
  }

  private static List<String> jobArguments(List<String> options) {
    List<String> args = new ArrayList<>(options);
    args.addAll(
        List.of(
            "--class",
            ClusterJobs.CLUSTER_JOB,
            ClusterJobs.JAR,
            "--records",
            "100000",
            "--wait-for-executors",
            "3"));
    return args;
  }
}
