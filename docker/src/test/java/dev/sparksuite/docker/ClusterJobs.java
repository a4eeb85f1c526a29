package dev.sparksuite.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparksuite.docker.ComposeCluster.Submission;
import dev.sparksuite.testkit.Command;
import dev.sparksuite.testkit.Command.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The cluster job as the cluster tests submit it, and what they read from its output. */
final class ClusterJobs {

  static final String CLUSTER_JOB = "dev.sparksuite.cluster.ClusterJob";
  static final String JAR = "/opt/spark-apps/cluster-job.jar";

  /** The jar of the lessons only a cluster teaches. */
  static final String LESSONS_JAR = "/opt/spark-apps/cluster-lessons.jar";

  static final String LESSONS_PACKAGE = "dev.sparksuite.clusterlessons.";
  static final String SELF_CHECK_PASSED = "Self-check: PASSED";
  private static final String REPORT_FILE = "Report (JSON): ";

  private ClusterJobs() {}

  static Submission submit(ComposeCluster cluster, String master, String... args) throws Exception {
    List<String> submit =
        new ArrayList<>(
            List.of("--conf", "spark.ui.showConsoleProgress=false", "--class", CLUSTER_JOB, JAR));
    submit.addAll(List.of(args));
    return cluster.startSubmit(master, submit);
  }

  /**
   * The job's JSON report, read from the file its console names, in {@code spark-client} where the
   * driver ran.
   */
  static JsonNode report(ComposeCluster cluster, Result run) throws Exception {
    String file =
        run.stdout()
            .lines()
            .filter(l -> l.startsWith(REPORT_FILE))
            .map(l -> l.substring(REPORT_FILE.length()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no report file named in:\n" + run.describe()));
    Result read = cluster.compose("exec", "-T", "spark-client", "cat", file);
    if (read.exitCode() != 0) {
      throw new AssertionError("cannot read " + file + ":\n" + read.describe());
    }
    return new ObjectMapper().readTree(read.stdout());
  }

  static String applicationId(ComposeCluster cluster, Result run) throws Exception {
    return report(cluster, run).path("applicationId").asText();
  }

  /**
   * Waits until the running job has printed the text (a progress line), failing if it ended first.
   */
  static void awaitOutput(Submission job, String text, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!job.stdoutSoFar().contains(text)) {
      if (!job.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError(
            "no '" + text + "' from the job:\n" + job.await(Duration.ofSeconds(30)).describe());
      }
      Thread.sleep(200);
    }
  }

  /**
   * {@code docker/submit} as a user runs it, against the tests' compose project; the environment
   * adds to that ({@code COMPOSE_FILE} for the HDFS override, {@code SPARK_SUBMIT_OPTIONS}).
   */
  static Result dockerSubmit(Map<String, String> environment, Duration timeout, String... args)
      throws Exception {
    Map<String, String> withProject = new TreeMap<>(environment);
    withProject.put("COMPOSE_PROJECT_NAME", TestSettings.PROJECT);
    withProject.put("SPARK_APPS_DIR", TestSettings.path("sparksuite.appsDir").toString());
    List<String> command =
        new ArrayList<>(
            List.of(TestSettings.path("sparksuite.dockerDir").resolve("submit").toString()));
    command.addAll(List.of(args));
    return Command.run(command, withProject, timeout);
  }
}
