package dev.sparksuite.clusterlessons;

import dev.sparksuite.lessonkit.Lesson;
import dev.sparksuite.lessonkit.SqlConf;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * {@code spark.sql.shuffle.partitions} sized to the data, without adaptive execution. Every shuffle
 * of a query (an aggregation, a join) splits its output into that many partitions, 200 by default
 * in Spark 4.1.1, and the stage after it runs one task per partition, whether the partition holds a
 * gigabyte or nothing. Without adaptive execution to merge them (lesson {@link
 * AqeCoalescingExample}), the setting is the stage's parallelism: too few partitions leave cores
 * idle and make each task hold more, too many make a small shuffle a long list of tiny or empty
 * tasks, each with its scheduling cost.
 *
 * <p>The lesson sums 400,000 sales per country (20 countries) with the setting at its default and
 * at the application's default parallelism (its cores), and counts the tasks that read nothing: a
 * hash of 20 keys fills at most 20 of 200 partitions.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.clusterlessons.ShufflePartitionsExample
 * cluster-lessons/target/cluster-lessons.jar <output-dir>}
 */
public final class ShufflePartitionsExample {

  static final long ROWS = 400_000;
  static final int MAP_PARTITIONS = 8;

  private ShufflePartitionsExample() {}

  /** The reduce stage at the session's setting and at the sized one. */
  public record Comparison(
      String defaultPartitions, int sizedPartitions, StageCost atDefault, StageCost sized) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        ShufflePartitionsExample.class,
        (spark, output) -> {
          System.out.printf(
              Locale.ROOT,
              "setup: %,d sales in %d partitions summed per country (%d countries), "
                  + "adaptive execution off%n",
              ROWS,
              MAP_PARTITIONS,
              Sales.COUNTRIES.length);
          Comparison c = compare(spark, output);
          print("spark.sql.shuffle.partitions = " + c.defaultPartitions(), c.atDefault());
          print("spark.sql.shuffle.partitions = " + c.sizedPartitions(), c.sized());
          System.out.printf(
              Locale.ROOT,
              "what this shows: without adaptive execution the stage after a shuffle runs one "
                  + "task per shuffle partition: %d tasks, %d of them empty, at %s; %d at the "
                  + "application's default parallelism, %d%n",
              c.atDefault().tasks(),
              c.atDefault().tasksReadingNothing(),
              c.defaultPartitions(),
              c.sized().tasks(),
              c.sizedPartitions());
        });
  }

  private static void print(String label, StageCost stage) {
    System.out.printf(
        Locale.ROOT,
        "%-34s %3d tasks, %3d read nothing; stage %,5d ms, median task %,d ms%n",
        label + ":",
        stage.tasks(),
        stage.tasksReadingNothing(),
        stage.stageMillis(),
        stage.medianTaskMillis());
  }

  /**
   * The totals with the session's {@code spark.sql.shuffle.partitions} (Spark's default: 200), then
   * with it set to the application's default parallelism ({@code spark.default.parallelism}, else
   * its executors' cores, at least 2).
   */
  public static Comparison compare(SparkSession spark, Path output) {
    return SqlConf.with(
        spark,
        "spark.sql.adaptive.enabled",
        false,
        () -> {
          int cores = spark.sparkContext().defaultParallelism();
          StageCost atDefault = totals(spark, new Path(output, "default"));
          StageCost sized =
              SqlConf.with(
                  spark,
                  Map.of("spark.sql.shuffle.partitions", String.valueOf(cores)),
                  () -> totals(spark, new Path(output, "sized")));
          return new Comparison(
              spark.conf().get("spark.sql.shuffle.partitions"), cores, atDefault, sized);
        });
  }

  private static StageCost totals(SparkSession spark, Path dir) {
    return Measured.run(spark, () -> Sales.writeTotalsPerCountry(spark, ROWS, MAP_PARTITIONS, dir))
        .lastStage();
  }
}
