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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Processes of the cluster die mid-job, as they do on real machines: the job still finishes
 * correct, and the compose restart policy with the master's recovery directory puts the cluster
 * back together. Every test leaves three ALIVE workers behind it.
 */
@ClusterTier
class ClusterFaultsIT extends OnTheDefaultCluster {

  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);

  /**
   * Restart policy's first delay, a JVM start and a registration: seconds; the bound is how long
   * the test waits, with room for 2 busy cores.
   */
  private static final Duration BACK_WITHIN = Duration.ofSeconds(90);

  private static final String WORKER_CLASS = "org.apache.spark.deploy.worker.Worker";
  private static final String MASTER_CLASS = "org.apache.spark.deploy.master.Master";

  @AfterEach
  void theClusterIsWholeAgain() throws Exception {
    cluster.awaitAliveWorkers(3, Duration.ofMinutes(2));
  }

  /**
   * The worker JVM is killed (SIGKILL) while its executor runs a task: the executor goes with it,
   * the task fails as lost and runs again, the job finishes correct (every id summed once), and the
   * container's restart policy brings the worker back. The job's tasks are held ({@link HeldJob})
   * until the worker is back, so the kill always lands on a running task.
   */
  @Test
  void aWorkerThatDiesMidJobLosesTasksThatRunAgainAndTheWorkerComesBack() throws Exception {
    try (HeldJob job = HeldJob.submit(cluster, 3)) {
      String application = job.awaitApplication();
      job.awaitHolding(Duration.ofMinutes(2));
      List<String> before = aliveWorkerIds(cluster.master(), "spark-worker-3");
      int running =
          cluster.awaitActiveTasksOn(
              "spark-worker-3", application, job.submission(), Duration.ofMinutes(2));
      Result kill = cluster.signal("spark-worker-3", "KILL", WORKER_CLASS);
      assertThat(kill.exitCode()).as(kill.describe()).isZero();
      // A restarted worker registers under a new id (worker-<time>-<host>-<port>).
      Duration back =
          cluster.awaitMaster(
              master -> {
                List<String> alive = aliveWorkerIds(master, "spark-worker-3");
                return !alive.isEmpty() && !before.containsAll(alive);
              },
              "spark-worker-3 ALIVE again",
              BACK_WITHIN);
      job.assertStillHeld();
      job.releaseAndAwait(JOB_TIMEOUT);
      StageHistory history = cluster.awaitStageHistory(application, Duration.ofSeconds(60));

      List<String> removedOnTheKilledWorker = new ArrayList<>();
      for (JsonNode executor :
          cluster.getJson(
              ComposeCluster.HISTORY + "/api/v1/applications/" + application + "/allexecutors")) {
        if (executor.path("hostPort").asText().startsWith("spark-worker-3:")
            && !executor.path("isActive").asBoolean()) {
          removedOnTheKilledWorker.add(executor.path("removeReason").asText());
        }
      }

      TestSettings.log(
          "worker JVM killed with %d task(s) running on its executor: ALIVE again after %.1f s; executors"
              + " removed there: %s; %d failed tasks, %d tasks completed, %d retried stage attempts",
          running,
          back.toMillis() / 1e3,
          removedOnTheKilledWorker,
          history.failedTasks(),
          history.completedTasks(),
          history.retriedStageAttempts());
      // Two paths remove it: the master's, when the worker's connection drops ("worker lost"), and
      // the driver's own, 5 s after the executor's connection drops if the master's reason has not
      // come by then (spark.standalone.executorRemoveDelayOnDisconnection): a master slowed by a
      // busy host can miss that window.
      assertThat(removedOnTheKilledWorker)
          .as("the executors on the killed worker, as the history server recorded them")
          .anySatisfy(
              reason ->
                  assertThat(reason)
                      .containsAnyOf("worker lost", "Remote RPC client disassociated"));
      // Counted per stage: the per-executor count can miss them, as the executor may be marked dead
      // before its lost tasks' end events arrive.
      assertThat(history.failedTasks())
          .as("tasks that failed with the executor (each ran again: every id was summed once)")
          .isPositive();
    }
  }

  /**
   * The master JVM dies while an application runs. Restarted by the restart policy, it reads its
   * recovery directory, takes back the workers and the application, and the job finishes. The job's
   * tasks are held ({@link HeldJob}) until the recovered master has been read, so the application
   * is still running whenever the recovery takes on a busy machine. Without recovery a restarted
   * master knows no application and kills the executors that the re-registering workers report: the
   * job then has nothing to run on.
   *
   * <p>What happens to each executor depends on how the master takes its worker back (Master and
   * Worker in Spark 4.1.1). A worker that answers the restarted master's recovery message reports
   * its executors, and the master keeps them. A worker whose own registration retry reaches the new
   * master first is taken back without them: the master, once recovered, starts executors for the
   * application's cores it counts as free, and tells the worker to kill an executor it does not
   * know. The application then holds its 3 cores, or for a while more, as late reports add old
   * executors back. A worker logs "Duplicate registration at master" whenever its retry reaches a
   * master that already lists it, so with no such line every worker was taken back by its report.
   */
  @Test
  void aMasterThatDiesMidJobRecoversItsWorkersAndTheRunningApplication() throws Exception {
    try (HeldJob job = HeldJob.submit(cluster, 3)) {
      String application = job.awaitApplication();
      job.awaitHolding(Duration.ofMinutes(2));
      // One executor per worker (3 cores spread over 3 workers), each running a held task.
      for (String worker : ComposeCluster.WORKERS) {
        cluster.awaitActiveTasksOn(worker, application, job.submission(), Duration.ofMinutes(2));
      }

      Instant killedAt = Instant.now();
      Result kill = cluster.signal("spark-master", "KILL", MASTER_CLASS);
      assertThat(kill.exitCode()).as(kill.describe()).isZero();
      Duration recovered =
          cluster.awaitMaster(
              master ->
                  master.path("status").asText().equals("ALIVE")
                      && master.path("aliveworkers").asInt() == 3
                      && activeApplications(master).contains(application),
              "3 workers and " + application + " after the restart",
              Duration.ofMinutes(2));
      int cores = coresOf(cluster.master(), application);
      job.assertStillHeld();
      job.releaseAndAwait(JOB_TIMEOUT);

      int retriedRegistrations = 0;
      for (String worker : ComposeCluster.WORKERS) {
        retriedRegistrations +=
            cluster.logLinesSince(killedAt, worker, "Duplicate registration at master").size();
      }
      List<String> launched =
          cluster.logLinesSince(killedAt, "spark-master", "Launching executor " + application);
      TestSettings.log(
          "master JVM killed mid-job: ALIVE again with 3 workers and %s after %.1f s, holding %d"
              + " cores; duplicate worker registrations: %d; executors started after the restart: %d",
          application, recovered.toMillis() / 1e3, cores, retriedRegistrations, launched.size());
      assertThat(cores)
          .as("the recovered application holds its 3 cores: reported executors or new ones")
          .isGreaterThanOrEqualTo(3);
      if (retriedRegistrations == 0) {
        assertThat(launched)
            .as("every worker reported its executor to the restarted master, which kept them all")
            .isEmpty();
        assertThat(cores).as("the recovered application keeps its executors' cores").isEqualTo(3);
      }
    }
  }

  /**
   * A worker whose master is gone must not report itself healthy: the healthcheck asks the master
   * whether it lists this worker ALIVE.
   */
  @Test
  void aWorkerTurnsUnhealthyWhileItsMasterIsGoneAndHealthyOnceItIsBack() throws Exception {
    Result stop = cluster.compose("stop", "spark-master");
    assertThat(stop.exitCode()).as(stop.describe()).isZero();
    String whileGone = cluster.awaitHealth("spark-worker-1", "unhealthy", Duration.ofSeconds(60));
    Result start = cluster.compose("start", "spark-master");
    assertThat(start.exitCode()).as(start.describe()).isZero();
    String onceBack = cluster.awaitHealth("spark-worker-1", "healthy", Duration.ofMinutes(2));

    TestSettings.log(
        "spark-worker-1 while the master was stopped: %s; once it was back: %s",
        whileGone, onceBack);
    assertThat(whileGone).isEqualTo("unhealthy");
    assertThat(onceBack).isEqualTo("healthy");
  }

  private static List<String> aliveWorkerIds(JsonNode master, String host) {
    List<String> ids = new ArrayList<>();
    for (JsonNode worker : master.path("workers")) {
      if (worker.path("host").asText().equals(host)
          && worker.path("state").asText().equals("ALIVE")) {
        ids.add(worker.path("id").asText());
      }
    }
    return ids;
  }

  private static int coresOf(JsonNode master, String application) {
    for (JsonNode app : master.path("activeapps")) {
      if (app.path("id").asText().equals(application)) {
        return app.path("cores").asInt();
      }
    }
    return 0;
  }

  private static List<String> activeApplications(JsonNode master) {
    List<String> ids = new ArrayList<>();
    master.path("activeapps").forEach(app -> ids.add(app.path("id").asText()));
    return ids;
  }
}
