package dev.sparksuite.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.docker.ComposeCluster.Submission;
import dev.sparksuite.docker.apps.HeldTasks;
import dev.sparksuite.testkit.Command.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code HeldTasks} (in {@code docker-tests.jar}) as the cluster tests submit it: a job whose tasks
 * run until the test releases them. A test that must see a state that lasts only while tasks run (a
 * gauge, an application on a restarted master) holds it this way for as long as it needs, instead
 * of betting that a sample lands while some job happens to run.
 */
final class HeldJob implements AutoCloseable {

  static final String APP_NAME = "spark-suite held-tasks";
  private static final String CLASS = "dev.sparksuite.docker.apps.HeldTasks";
  private static final String JAR = "/opt/spark-apps/docker-tests.jar";

  /** How long a job may stay held: a test that never releases it leaves no cores taken longer. */
  private static final Duration HELD_AT_MOST = Duration.ofMinutes(8);

  private final ComposeCluster cluster;
  private final Submission submission;
  private final String releaseFile;
  private final int tasks;

  private HeldJob(ComposeCluster cluster, Submission submission, String releaseFile, int tasks) {
    this.cluster = cluster;
    this.submission = submission;
    this.releaseFile = releaseFile;
    this.tasks = tasks;
  }

  /**
   * Submits the job on the master with this many held tasks (one per core the application gets: 3
   * by the cluster's {@code spark.deploy.defaultCores}), with any extra {@code --conf key=value}.
   */
  static HeldJob submit(ComposeCluster cluster, int tasks, String... confs) throws Exception {
    String release = "/opt/spark-data/release-" + UUID.randomUUID();
    List<String> args = new ArrayList<>(List.of("--conf", "spark.ui.showConsoleProgress=false"));
    for (String conf : confs) {
      args.addAll(List.of("--conf", conf));
    }
    long deadline = System.currentTimeMillis() + HELD_AT_MOST.toMillis();
    args.addAll(
        List.of("--class", CLASS, JAR, release, Integer.toString(tasks), Long.toString(deadline)));
    return new HeldJob(
        cluster, cluster.startSubmit(ComposeCluster.MASTER_URL, args), release, tasks);
  }

  Submission submission() {
    return submission;
  }

  /**
   * The id of the job's application, once the master lists it (the tests run one application at a
   * time).
   */
  String awaitApplication() throws Exception {
    cluster.awaitMaster(
        master -> !master.path("activeapps").isEmpty(),
        "the held job's application",
        Duration.ofMinutes(1));
    return cluster.activeApplication();
  }

  /**
   * Waits until every task of the held stage runs and holds (each leaves a file beside the release
   * file): from then on, a task running on any executor of the job is a held one.
   */
  void awaitHolding(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String count = "ls " + releaseFile + ".holding-* 2>/dev/null | wc -l";
    String holding = "0";
    while (System.nanoTime() < deadline) {
      assertStillHeld();
      holding = cluster.compose("exec", "-T", "spark-client", "sh", "-c", count).stdout().strip();
      if (holding.equals(Integer.toString(tasks))) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        holding
            + " of "
            + tasks
            + " held tasks holding after "
            + timeout
            + ":\n"
            + submission.stdoutSoFar());
  }

  /** Fails when the job ended before the test released it. */
  void assertStillHeld() {
    assertThat(submission.isAlive())
        .as("the held job ended before the test released it:%n%s", submission.stdoutSoFar())
        .isTrue();
  }

  /** Releases the tasks. */
  Result release() throws Exception {
    return cluster.compose("exec", "-T", "spark-client", "touch", releaseFile);
  }

  /**
   * Releases the tasks and lets the job end, whatever happened before: a test that failed while it
   * held them leaves the cluster idle for the next test. Does nothing more after {@link
   * #releaseAndAwait}.
   */
  @Override
  public void close() throws Exception {
    if (submission.isAlive()) {
      release();
      submission.await(Duration.ofMinutes(2));
    }
  }

  /**
   * Releases the tasks (a file on the volume every node shares) and waits for the job, which must
   * end well: every group of the shuffle back, every id summed once.
   */
  Result releaseAndAwait(Duration timeout) throws Exception {
    Result touched = release();
    assertThat(touched.exitCode()).as(touched.describe()).isZero();
    Result run = submission.await(timeout);
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout())
        .as("every group of the shuffle back and every id summed once")
        .contains(
            String.format(
                "HELD_TASKS released: %d groups, id sum %d",
                tasks, HeldTasks.IDS * (HeldTasks.IDS - 1) / 2));
    return run;
  }
}
