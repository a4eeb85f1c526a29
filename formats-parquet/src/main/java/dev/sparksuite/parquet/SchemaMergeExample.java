package dev.sparksuite.parquet;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.sparksuite.lessonkit.Lesson;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Schema evolution with {@code mergeSchema}. Two writes to one table, the second with an extra
 * column. By default Spark takes the schema from a single file (the first part-file in path order,
 * here {@code day=1}'s), so the new column is missing: which columns you see depends on which file
 * sorts first; {@code mergeSchema=true} reads every footer and unions the schemas, and rows from
 * the older files get null in the new column. (Merging costs a footer read per file, which is why
 * it is off by default.)
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.parquet.SchemaMergeExample
 * formats-parquet/target/formats-parquet.jar <output-dir>}; the output directory may be a local
 * path or on HDFS ({@code hdfs://namenode:8020/lessons/parquet}).
 */
public final class SchemaMergeExample {

  private SchemaMergeExample() {}

  /** Columns seen with and without merging, and the merged rows (id, country, channel). */
  public record Merge(
      List<String> columnsWithoutMerge, List<String> columnsMerged, List<Row> mergedRows) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        SchemaMergeExample.class,
        (spark, output) -> {
          System.out.println(
              "setup: day=1 holds 2 rows (id, country), day=2 holds 2 rows (id, country, channel), "
                  + "one Parquet file each");
          Merge m = evolve(spark, new Path(output, "orders-evolving"));
          System.out.println("columns without mergeSchema: " + m.columnsWithoutMerge());
          System.out.println("columns with mergeSchema:    " + m.columnsMerged());
          System.out.println("rows with mergeSchema:");
          for (Row r : m.mergedRows()) {
            System.out.printf("  id=%s country=%s channel=%s%n", r.get(0), r.get(1), r.get(2));
          }
          System.out.println(
              "what this shows: without mergeSchema Spark takes the schema of one file (day=1, which "
                  + "sorts first), so channel is missing; with it Spark unions every footer and the rows of day=1 read channel "
                  + "as null");
        });
  }

  public static Merge evolve(SparkSession spark, Path path) {
    // Version 1: id and country. Version 2 adds a channel column. Each in its own partition
    // directory, as a table written day by day would be.
    ParquetSampleData.orders(spark, 2, 1)
        .select("id", "country")
        .write()
        .mode("overwrite")
        .parquet(new Path(path, "day=1").toString());
    ParquetSampleData.orders(spark, 4, 1)
        .where(col("id").geq(2))
        .select(col("id"), col("country"), lit("web").as("channel"))
        .write()
        .mode("overwrite")
        .parquet(new Path(path, "day=2").toString());

    List<String> plain = List.of(spark.read().parquet(path.toString()).columns());
    var merged = spark.read().option("mergeSchema", "true").parquet(path.toString());
    return new Merge(
        plain,
        List.of(merged.columns()),
        merged.select("id", "country", "channel").orderBy("id").collectAsList());
  }
}
