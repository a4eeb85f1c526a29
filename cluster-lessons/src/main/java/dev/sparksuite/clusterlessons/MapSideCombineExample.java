package dev.sparksuite.clusterlessons;

import dev.sparksuite.lessonkit.Lesson;
import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * Map-side combine on the RDD API: {@code reduceByKey} against {@code groupByKey}. Both shuffle by
 * key, but {@code reduceByKey} (and {@code aggregateByKey}, {@code combineByKey} with its default)
 * runs the function on each map task's records first, so a map task writes one record per key it
 * saw; {@code groupByKey} cannot (a group is not smaller than its values: Spark sets {@code
 * mapSideCombine = false} for it) and writes every record. The same sums come out of both.
 *
 * <p>The lesson sums 400,000 amounts over 100 keys in 8 partitions: every partition sees every key,
 * so {@code reduceByKey} writes 8 × 100 = 800 shuffle records where {@code groupByKey} writes
 * 400,000.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.clusterlessons.MapSideCombineExample
 * cluster-lessons/target/cluster-lessons.jar <output-dir>}
 */
public final class MapSideCombineExample {

  static final int ROWS = 400_000;
  static final int KEYS = 100;
  static final int PARTITIONS = 8;

  private MapSideCombineExample() {}

  /** What one way of summing shuffled, and the stage that read it. */
  public record Shuffled(long records, long bytes, StageCost reduce) {}

  /** Both ways, and whether their sums agree. */
  public record Comparison(Shuffled reduceByKey, Shuffled groupByKey, boolean sameSums) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        MapSideCombineExample.class,
        (spark, output) -> {
          System.out.printf(
              Locale.ROOT,
              "setup: %,d (key, amount) pairs over %d keys in %d partitions, summed per key "
                  + "twice%n",
              ROWS,
              KEYS,
              PARTITIONS);
          Comparison c = compare(spark, output);
          print("reduceByKey", c.reduceByKey());
          print("groupByKey ", c.groupByKey());
          System.out.printf(
              Locale.ROOT,
              "same sums: %s%nwhat this shows: reduceByKey combines on the map side and "
                  + "shuffled %,d records where groupByKey shuffled all %,d (%.0fx the bytes)%n",
              c.sameSums(),
              c.reduceByKey().records(),
              c.groupByKey().records(),
              (double) c.groupByKey().bytes() / Math.max(1, c.reduceByKey().bytes()));
        });
  }

  private static void print(String label, Shuffled s) {
    System.out.printf(
        Locale.ROOT,
        "%s: shuffle write %,9d records, %,11d bytes; reduce stage %,d ms%n",
        label,
        s.records(),
        s.bytes(),
        s.reduce().stageMillis());
  }

  public static Comparison compare(SparkSession spark, Path output) {
    JavaPairRDD<Integer, Long> pairs =
        spark
            .range(0, ROWS, 1, PARTITIONS)
            .toJavaRDD()
            .mapToPair(i -> new Tuple2<>((int) (i % KEYS), i % 1000));
    Path reduced = new Path(output, "reduceByKey");
    Path grouped = new Path(output, "groupByKey");
    Shuffled reduce =
        shuffled(spark, () -> pairs.reduceByKey(Long::sum).saveAsTextFile(reduced.toString()));
    Shuffled group =
        shuffled(
            spark,
            () ->
                pairs
                    .groupByKey()
                    .mapValues(
                        values -> {
                          long total = 0;
                          for (long v : values) {
                            total += v;
                          }
                          return total;
                        })
                    .saveAsTextFile(grouped.toString()));
    boolean same =
        spark
                .read()
                .text(reduced.toString())
                .except(spark.read().text(grouped.toString()))
                .isEmpty()
            && spark.read().text(reduced.toString()).count() == KEYS
            && spark.read().text(grouped.toString()).count() == KEYS;
    return new Comparison(reduce, group, same);
  }

  private static Shuffled shuffled(SparkSession spark, Runnable work) {
    Measured m = Measured.run(spark, work);
    return new Shuffled(m.shuffleWriteRecords(), m.shuffleWriteBytes(), m.lastStage());
  }
}
