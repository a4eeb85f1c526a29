package dev.sparksuite.docker.apps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * A Spark application for the cluster tests, shipped to the cluster in {@code docker-tests.jar}: a
 * shuffle, then one task per partition that holds until a release file appears on the volume every
 * node shares. While the tasks hold, what a test samples from outside (tasks running on executors,
 * cores in use, shuffle bytes written) lasts until the test has seen it, instead of for as long as
 * a job happens to run. A task still waiting at the deadline (epoch milliseconds) fails, and so do
 * its retries at once, so a test that dies without releasing leaves no application behind for long.
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
              .mapPartitions(
                  groups -> {
                    awaitRelease(Path.of(release), deadline);
                    return groups;
                  })
              .collect();
      // n(n-1)/2 when every id was summed once.
      long total = sums.stream().mapToLong(Tuple2::_2).sum();
      System.out.printf("HELD_TASKS released: %d groups, id sum %d%n", sums.size(), total);
    }
  }

  private static void awaitRelease(Path release, long deadline) throws InterruptedException {
    while (!Files.exists(release)) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(
            release + " did not appear by " + Instant.ofEpochMilli(deadline));
      }
      Thread.sleep(200);
    }
  }
}
