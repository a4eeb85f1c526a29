package dev.sparksuite.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparksuite.docker.ComposeCluster.StageHistory;
import dev.sparksuite.testkit.ClusterTier;
import dev.sparksuite.testkit.Command.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The cluster grows and shrinks under an application: dynamic allocation, and a worker
 * decommissioned mid-job.
 */
@ClusterTier
class ClusterElasticityIT extends OnTheDefaultCluster {

  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);
  private static final Pattern PHASE =
      Pattern.compile("^PHASE (\\S+) start=(\\d+) peak=(\\d+) end=(\\d+) seconds=(\\S+)$");

  /**
   * DynamicAllocationExample starts with one executor; 24 tasks of 1.5 s wait in the backlog, so
   * Spark asks for more, up to the application's 3 cores (spark.deploy.defaultCores); idle, they go
   * back to the minimum of 1 (5 s idle timeout, 10 s for executors holding shuffle files); the
   * second load brings them back.
   */
  @Test
  void executorsGrowUnderLoadAndAreReleasedWhenIdle() throws Exception {
    Result run =
        cluster
            .startSubmit(
                ComposeCluster.MASTER_URL,
                List.of(
                    "--conf",
                    "spark.ui.showConsoleProgress=false",
                    "--class",
                    ClusterJobs.LESSONS_PACKAGE + "DynamicAllocationExample",
                    ClusterJobs.LESSONS_JAR,
                    "24",
                    "1500",
                    // The idle phase ends once the minimum is back (16 s seen); the budget leaves
                    // room for slow shuffle-migration rounds on a busy host.
                    "90"))
            .await(JOB_TIMEOUT);
    assertThat(run.exitCode()).as(run.describe()).isZero();
    Map<String, int[]> phases = new TreeMap<>();
    run.stdout()
        .lines()
        .map(PHASE::matcher)
        .filter(Matcher::matches)
        .forEach(
            m ->
                phases.put(
                    m.group(1),
                    new int[] {
                      Integer.parseInt(m.group(2)),
                      Integer.parseInt(m.group(3)),
                      Integer.parseInt(m.group(4))
                    }));

    TestSettings.log(
        "dynamic allocation, executors over time:%n%s",
        run.stdout()
            .lines()
            .filter(l -> l.startsWith("  ") || l.startsWith("PHASE"))
            .reduce((a, b) -> a + "\n" + b)
            .orElse(""));
    assertThat(phases).as(run.describe()).containsOnlyKeys("load-1", "idle", "load-2");
    assertThat(phases.get("load-1")[1]).as("peak executors under the first load").isEqualTo(3);
    assertThat(phases.get("idle")[2]).as("executors left after idling: the minimum").isEqualTo(1);
    assertThat(phases.get("load-2")[1]).as("peak executors under the second load").isEqualTo(3);
  }

  /**
   * SIGPWR to a worker (spark.worker.decommission.signal) with spark.decommission.enabled: the
   * worker stops taking executors, its executor finishes its running task and migrates its shuffle
   * blocks (spark.storage.decommission.shuffleBlocks.enabled), and no stage has to run again. The
   * job holds its middle stage's tasks ({@link HeldJob}) until the master lists the worker
   * DECOMMISSIONED: the signal always lands on a running task, which writes its shuffle output only
   * afterwards, on the executor being decommissioned, for the last stage to read. Without
   * decommissioning, SIGPWR ends the worker JVM: the master lists it DEAD, not DECOMMISSIONED, and
   * its running task fails.
   */
  @Test
  void aWorkerDecommissionedMidJobLosesNoTaskAndNoShuffleOutput() throws Exception {
    try (HeldJob job = HeldJob.submit(cluster, 3)) {
      String application = job.awaitApplication();
      job.awaitHolding(Duration.ofMinutes(2));
      int running =
          cluster.awaitActiveTasksOn(
              "spark-worker-3", application, job.submission(), Duration.ofMinutes(2));

      Instant signalledAt = Instant.now();
      Result signal =
          cluster.signal("spark-worker-3", "PWR", "org.apache.spark.deploy.worker.Worker");
      assertThat(signal.exitCode()).as(signal.describe()).isZero();
      // Read while the task is held: what the master makes of the signal. (After the job, the
      // worker's state says more about what happened since than about the signal.)
      String afterSignal =
          awaitWorkerState("spark-worker-3", "DECOMMISSIONED", Duration.ofMinutes(1));
      job.assertStillHeld();
      job.releaseAndAwait(JOB_TIMEOUT);
      StageHistory history = cluster.awaitStageHistory(application, Duration.ofSeconds(60));
      String afterJob = workerState(cluster.master(), "spark-worker-3");

      TestSettings.log(
          "spark-worker-3 decommissioned mid-job with %d task(s) running on its executor: worker state"
              + " %s after the signal, %s after the job; %d stage attempts, %d retried, %d failed tasks%s",
          running,
          afterSignal,
          afterJob,
          history.stageAttempts(),
          history.retriedStageAttempts(),
          history.failedTasks(),
          afterJob.equals("DECOMMISSIONED")
              ? ""
              : "; " + whatBecameOf("spark-worker-3", signalledAt));
      assertThat(afterSignal)
          .as("the master's view of spark-worker-3 after the signal")
          .isEqualTo("DECOMMISSIONED");
      assertThat(history.retriedStageAttempts())
          .as("stages run again for lost shuffle output")
          .isZero();
      assertThat(history.failedTasks()).as("failed tasks").isZero();
    } finally {
      // A decommissioned worker takes no new executors until it is started afresh.
      cluster.compose("restart", "spark-worker-3");
      cluster.awaitAliveWorkers(3, Duration.ofMinutes(2));
    }
  }

  /** The states the master lists for the workers on a host, space-separated ("" if none). */
  private static String workerState(JsonNode master, String host) {
    List<String> states = new ArrayList<>();
    for (JsonNode worker : master.path("workers")) {
      if (worker.path("host").asText().equals(host)) {
        states.add(worker.path("state").asText());
      }
    }
    return String.join(" ", states);
  }

  /**
   * Polls the master until the host's worker is in the state; returns the state it lists then, or
   * at the end of the time (the assertion names it).
   */
  private static String awaitWorkerState(String host, String wanted, Duration timeout)
      throws Exception {
    try {
      cluster.awaitMaster(
          master -> workerState(master, host).equals(wanted), host + " " + wanted, timeout);
    } catch (IllegalStateException notInTime) {
      // Not in time: the state read below is what the assertion reports.
    }
    return workerState(cluster.master(), host);
  }

  /**
   * For the log when the worker did not stay DECOMMISSIONED: its container (restarts, killed for
   * memory) and what the master and the worker logged since the signal about decommissioning,
   * removing or losing it.
   */
  private static String whatBecameOf(String worker, Instant since) throws Exception {
    String container =
        cluster
            .docker(
                "inspect",
                "-f",
                "restarts {{.RestartCount}}, OOM-killed {{.State.OOMKilled}}, status {{.State.Status}}",
                cluster.containerId(worker))
            .stdout()
            .strip();
    String about = "(?i)(decommission|removing worker|disassociated|sigpwr|signal)";
    List<String> logs = new ArrayList<>(cluster.logLinesSince(since, "spark-master", about));
    logs.addAll(cluster.logLinesSince(since, worker, about));
    return "container: " + container + "; logs:\n" + String.join("\n", logs);
  }
}
