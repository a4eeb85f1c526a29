package dev.sparksuite.cluster;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * Holds the job until enough executors have registered with the driver.
 *
 * <p>On a standalone cluster, executors start one by one after the application registers. The
 * scheduler does not wait for them: tasks go to whichever executors exist when a stage starts, so a
 * fast first stage can run entirely on the first worker. Waiting makes the spread even on purpose.
 * ({@code spark.scheduler.minRegisteredResourcesRatio} does the same, but only for a limited {@code
 * maxRegisteredResourcesWaitingTime}, after which it silently gives up.)
 */
final class ExecutorWait {

  private ExecutorWait() {}

  static void atLeast(SparkSession spark, int executors, Duration timeout, PrintStream out)
      throws InterruptedException {
    if (executors <= 0) {
      return;
    }
    String master = spark.sparkContext().master();
    if (master.equals("local") || master.startsWith("local[")) {
      // Local mode has one executor, the driver, and no other will ever register.
      out.printf(
          Locale.ROOT,
          "cluster-job: --wait-for-executors %d ignored on %s: the driver is the only executor%n",
          executors,
          master);
      return;
    }
    long started = System.nanoTime();
    long deadline = System.nanoTime() + timeout.toNanos();
    int registered = registeredExecutors(spark);
    while (registered < executors) {
      if (spark.sparkContext().isStopped()) {
        throw new IllegalStateException(
            "Spark stopped the application before "
                + executors
                + " executors registered: the master gave it up");
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "only "
                + registered
                + " of "
                + executors
                + " executors registered within "
                + timeout.toSeconds()
                + " s; check that the workers are ALIVE and have free cores");
      }
      Thread.sleep(200);
      registered = registeredExecutors(spark);
    }
    out.printf(
        Locale.ROOT,
        "cluster-job: %d executors registered after %.1f s%n",
        registered,
        (System.nanoTime() - started) / 1e9);
  }

  /** The status tracker lists the driver too; it runs no tasks on a cluster. */
  static int registeredExecutors(SparkSession spark) {
    return spark.sparkContext().statusTracker().getExecutorInfos().length - 1;
  }
}
