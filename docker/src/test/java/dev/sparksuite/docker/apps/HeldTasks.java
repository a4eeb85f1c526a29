package dev.sparksuite.docker.apps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * a job happens to run. A task that is never released fails after ten minutes, so a test that dies
 * leaves no application behind for long.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.docker.apps.HeldTasks docker-tests.jar
 * <release-file> <tasks>}
 */
public final class HeldTasks {

  private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(10);

  /** The ids the job sums, 0 to IDS - 1. */
  public static final long IDS = 30_000;

  private HeldTasks() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println(
          "usage: spark-submit --class dev.sparksuite.docker.apps.HeldTasks docker-tests.jar"
              + " <release-file> <tasks>");
      System.exit(2);
    }
    String release = args[0];
    int tasks = Integer.parseInt(args[1]);
    try (JavaSparkContext sc =
        new JavaSparkContext(new SparkConf().setAppName("spark-suite held-tasks"))) {
      List<Long> ids = LongStream.range(0, IDS).boxed().toList();
      List<Tuple2<Long, Long>> sums =
          sc.parallelize(ids, tasks)
              .mapToPair(id -> new Tuple2<>(id % tasks, id))
              .reduceByKey(Long::sum, tasks)
              .mapPartitions(
                  groups -> {
                    awaitRelease(Path.of(release));
                    return groups;
                  })
              .collect();
      // Every id once, whatever ran twice: n(n-1)/2.
      long total = sums.stream().mapToLong(Tuple2::_2).sum();
      System.out.printf("HELD_TASKS released: %d groups, id sum %d%n", sums.size(), total);
    }
  }

  private static void awaitRelease(Path release) throws InterruptedException {
    long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
    while (!Files.exists(release)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(release + " did not appear within " + GIVE_UP_AFTER);
      }
      Thread.sleep(200);
    }
  }
}
