package dev.sparksuite.docker.apps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * A Spark application for the cluster tests, shipped to the cluster in {@code docker-tests.jar}:
 * three stages, the middle one held. The first writes a shuffle; the second reads it, and each of
 * its tasks (one per partition) then holds until a release file appears on the volume every node
 * shares, before it writes a second shuffle; the third reads that one. While the tasks hold, what a
 * test samples or does from outside (tasks running on executors, cores in use, shuffle bytes
 * written, a worker killed or decommissioned under a running task) lasts until the test has seen or
 * done it, instead of for as long as a job happens to run; and what a held task writes once
 * released must still reach the last stage. A task still waiting at the deadline (epoch
 * milliseconds) fails, and so do its retries at once, so a test that dies without releasing leaves
 * no application behind for long.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.docker.apps.HeldTasks docker-tests.jar
 * <release-file> <tasks> <deadline-epoch-millis>}
 */
public final class HeldTasks {

  /** The ids the job sums, 0 to IDS - 1. */
  public static final long IDS = 30_000;

  private HeldTasks() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println(
          "usage: spark-submit --class dev.sparksuite.docker.apps.HeldTasks docker-tests.jar"
              + " <release-file> <tasks> <deadline-epoch-millis>");
      System.exit(2);
    }
    String release = args[0];
    int tasks = Integer.parseInt(args[1]);
    long deadline = Long.parseLong(args[2]);
    try (JavaSparkContext sc =
        new JavaSparkContext(new SparkConf().setAppName("spark-suite held-tasks"))) {
      List<Long> ids = LongStream.range(0, IDS).boxed().toList();
      List<Tuple2<Long, Long>> sums =
          sc.parallelize(ids, tasks)
              .mapToPair(id -> new Tuple2<>(id % tasks, id))
              .reduceByKey(Long::sum, tasks)
              .mapPartitionsToPair(
                  groups -> {
                    hold(release, deadline);
                    return groups;
                  })
              // A shuffle of its own: the held tasks write it once released.
              .reduceByKey(Long::sum, tasks)
              .collect();
      // n(n-1)/2 when every id was summed once.
      long total = sums.stream().mapToLong(Tuple2::_2).sum();
      System.out.printf("HELD_TASKS released: %d groups, id sum %d%n", sums.size(), total);
    }
  }

  /**
   * Says that this task holds (a file {@code <release-file>.holding-<partition>} beside the release
   * file, so a test can wait until every task of the held stage runs), then waits for the release.
   */
  private static void hold(String releaseFile, long deadline)
      throws IOException, InterruptedException {
    Path release = Path.of(releaseFile);
    Files.newOutputStream(Path.of(releaseFile + ".holding-" + TaskContext.getPartitionId()))
        .close();
    while (!Files.exists(release)) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(
            release + " did not appear by " + Instant.ofEpochMilli(deadline));
      }
      Thread.sleep(200);
    }
  }
}
