package dev.sparksuite.clusterlessons;

import dev.sparksuite.lessonkit.Lesson;
import dev.sparksuite.lessonkit.SqlConf;
import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Adaptive execution coalescing shuffle partitions. A shuffle splits its output into {@code
 * spark.sql.shuffle.partitions} partitions (200 by default in Spark 4.1.1) whatever the data, and
 * without adaptive execution each one is a task. With it ({@code spark.sql.adaptive.enabled} and
 * {@code spark.sql.adaptive.coalescePartitions.enabled}, both on by default), Spark looks at the
 * shuffle's real size once the map side has run and merges neighbouring partitions up to a target
 * size: by default ({@code spark.sql.adaptive.coalescePartitions.parallelismFirst=true}) the total
 * shuffle bytes ÷ the default parallelism ({@code spark.default.parallelism}, else the
 * application's executor cores, at least 2), capped at {@code
 * spark.sql.adaptive.advisoryPartitionSizeInBytes} (64 MB) and raised to at least {@code
 * spark.sql.adaptive.coalescePartitions.minPartitionSize} (1 MB); a partition under the minimum is
 * merged into a neighbour.
 *
 * <p>The lesson sums 400,000 sales per country (20 countries): after the map side's partial
 * aggregation the shuffle holds a few kilobytes, so AQE runs it as one task where Spark without AQE
 * schedules one task per shuffle partition, nearly all of them empty.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.clusterlessons.AqeCoalescingExample
 * cluster-lessons/target/cluster-lessons.jar <output-dir>}
 */
public final class AqeCoalescingExample {

  static final long ROWS = 400_000;
  static final int MAP_PARTITIONS = 8;

  private AqeCoalescingExample() {}

  /** The reduce stage of the same query with adaptive execution on and off. */
  public record Comparison(
      String shufflePartitions, StageCost withAqe, StageCost withoutAqe, long shuffleBytes) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        AqeCoalescingExample.class,
        (spark, output) -> {
          System.out.printf(
              Locale.ROOT,
              "setup: %,d sales in %d partitions summed per country (%d countries): one shuffle "
                  + "into spark.sql.shuffle.partitions partitions%n",
              ROWS,
              MAP_PARTITIONS,
              Sales.COUNTRIES.length);
          Comparison c = compare(spark, output);
          System.out.printf(
              Locale.ROOT,
              "spark.sql.shuffle.partitions = %s, spark.sql.adaptive.enabled = %s, shuffle: %,d bytes%n",
              c.shufflePartitions(),
              spark.conf().get("spark.sql.adaptive.enabled"),
              c.shuffleBytes());
          print("AQE off", c.withoutAqe());
          print("AQE on ", c.withAqe());
          System.out.printf(
              Locale.ROOT,
              "what this shows: without adaptive execution every one of the %s shuffle "
                  + "partitions is a task (%d of them read nothing); with it, Spark measured the "
                  + "shuffle and ran it as %d task(s)%n",
              c.shufflePartitions(),
              c.withoutAqe().tasksReadingNothing(),
              c.withAqe().tasks());
        });
  }

  private static void print(String label, StageCost stage) {
    System.out.printf(
        Locale.ROOT,
        "%s: %3d tasks after the shuffle, %3d read nothing; stage %,d ms%n",
        label,
        stage.tasks(),
        stage.tasksReadingNothing(),
        stage.stageMillis());
  }

  /**
   * The per-country totals, written once with the session's settings (Spark's defaults: adaptive
   * execution on), once with adaptive execution off.
   */
  public static Comparison compare(SparkSession spark, Path output) {
    Measured<Void> on = totals(spark, new Path(output, "aqe-on"));
    Measured<Void> off =
        SqlConf.with(
            spark,
            "spark.sql.adaptive.enabled",
            false,
            () -> totals(spark, new Path(output, "aqe-off")));
    return new Comparison(
        spark.conf().get("spark.sql.shuffle.partitions"),
        on.lastStage(),
        off.lastStage(),
        off.shuffleWriteBytes());
  }

  private static Measured<Void> totals(SparkSession spark, Path dir) {
    return Measured.run(spark, () -> Sales.writeTotalsPerCountry(spark, ROWS, MAP_PARTITIONS, dir));
  }
}
