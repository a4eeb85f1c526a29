package dev.sparksuite.clusterlessons;

import dev.sparksuite.lessonkit.Lesson;
import dev.sparksuite.lessonkit.SqlConf;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * A skewed join key split by adaptive execution. In a sort-merge join every row of a key goes to
 * one task, so a key that holds half the rows makes one task do half the work while the others
 * wait. With {@code spark.sql.adaptive.skewJoin.enabled} (on by default in Spark 4.1.1), Spark
 * looks at the shuffle's partition sizes once the map side has run; a partition larger than both
 * {@code skewedPartitionFactor} (5) × the median partition and {@code
 * skewedPartitionThresholdInBytes} (256 MB) is split into pieces of about the average non-skewed
 * partition's size (at least {@code spark.sql.adaptive.advisoryPartitionSizeInBytes}), each joined
 * with a copy of the other side's matching partition. A piece is a range of map tasks' output, so a
 * partition splits into at most as many pieces as the skewed side had map tasks. Spark keeps the
 * split only if it needs no extra shuffle (here the join feeds a write), unless {@code
 * spark.sql.adaptive.forceOptimizeSkewedJoin} is true.
 *
 * <p>The lesson joins 400,000 sales, half of them customer 0's, with 10,000 customers, without
 * adaptive coalescing (so that each shuffle partition stays a task and the comparison shows only
 * the split), and with the thresholds scaled down to this data: 256 KB instead of 256 MB, a 64 KB
 * advisory size instead of 64 MB. Broadcasting is off, as it would be for two large tables: a
 * broadcast join has no shuffle to skew.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.clusterlessons.SkewJoinExample
 * cluster-lessons/target/cluster-lessons.jar <output-dir>}
 */
public final class SkewJoinExample {

  static final long ROWS = 400_000;
  static final int MAP_PARTITIONS = 16;
  static final int CUSTOMERS = 10_000;
  static final double HOT_SHARE = 0.5;
  static final int SHUFFLE_PARTITIONS = 20;

  /** What the lesson sets: the join's shape, and the skew thresholds scaled to its data. */
  static final Map<String, String> SETTINGS =
      Map.of(
          "spark.sql.autoBroadcastJoinThreshold", "-1",
          "spark.sql.adaptive.coalescePartitions.enabled", "false",
          "spark.sql.shuffle.partitions", String.valueOf(SHUFFLE_PARTITIONS),
          "spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes", "256KB",
          "spark.sql.adaptive.advisoryPartitionSizeInBytes", "64KB");

  private SkewJoinExample() {}

  /** The join stage with the skew join on and off. */
  public record Comparison(StageCost split, StageCost unsplit) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        SkewJoinExample.class,
        (spark, output) -> {
          System.out.printf(
              Locale.ROOT,
              "setup: %,d sales (%.0f%% of them customer 0's) in %d partitions joined with %,d "
                  + "customers by customer_id, %d shuffle partitions, no broadcast, no "
                  + "coalescing; skew threshold 256 KB, advisory size 64 KB%n",
              ROWS,
              HOT_SHARE * 100,
              MAP_PARTITIONS,
              CUSTOMERS,
              SHUFFLE_PARTITIONS);
          Comparison c = compare(spark, output);
          print("skew join off", c.unsplit());
          print("skew join on ", c.split());
          System.out.printf(
              Locale.ROOT,
              "what this shows: without the skew join one task reads customer 0's rows, "
                  + "%.1fx the median task's; adaptive execution split that partition, and the "
                  + "busiest task read %.1fx the median in %d tasks instead of %d%n",
              c.unsplit().mostOverMedianRecords(),
              c.split().mostOverMedianRecords(),
              c.split().tasks(),
              c.unsplit().tasks());
        });
  }

  private static void print(String label, StageCost join) {
    System.out.printf(
        Locale.ROOT,
        "%s: %2d join tasks; records read: busiest %,9d, median %,7d; time: slowest %,5d ms, "
            + "median %,4d ms; stage %,d ms%n",
        label,
        join.tasks(),
        join.mostTaskRecords(),
        join.medianTaskRecords(),
        join.slowestTaskMillis(),
        join.medianTaskMillis(),
        join.stageMillis());
  }

  /**
   * The join, written once with the skew join as the session has it (Spark's default: on), once
   * with it off.
   */
  public static Comparison compare(SparkSession spark, Path output) {
    return SqlConf.with(
        spark,
        SETTINGS,
        () -> {
          StageCost on = join(spark, new Path(output, "skew-join-on"));
          StageCost off =
              SqlConf.with(
                  spark,
                  "spark.sql.adaptive.skewJoin.enabled",
                  false,
                  () -> join(spark, new Path(output, "skew-join-off")));
          return new Comparison(on, off);
        });
  }

  private static StageCost join(SparkSession spark, Path dir) {
    return Measured.run(
            spark,
            () ->
                Sales.generate(spark, ROWS, MAP_PARTITIONS, CUSTOMERS, HOT_SHARE)
                    .join(Sales.customers(spark, CUSTOMERS, 4), "customer_id")
                    .write()
                    .mode("overwrite")
                    .parquet(dir.toString()))
        .lastStage();
  }
}
