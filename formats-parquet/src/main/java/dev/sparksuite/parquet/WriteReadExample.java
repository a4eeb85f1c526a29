package dev.sparksuite.parquet;

import dev.sparksuite.lessonkit.Lesson;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Write a DataFrame as Parquet and read it back. Parquet stores the schema in every file's footer,
 * so the columns, their types and their rows come back as they went in, with no schema given on
 * read. (Columns come back nullable: Spark marks every column it reads from files as nullable,
 * because another writer could have put nulls there.)
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.parquet.WriteReadExample
 * formats-parquet/target/formats-parquet.jar <output-dir>}; the output directory may be a local
 * path or on HDFS ({@code hdfs://namenode:8020/lessons/parquet}), since the lesson reads its files
 * only through Spark.
 *
 * <p>Proved for every format, side by side, by {@code SameLessonAcrossFormatsTest} in
 * formats-compared.
 */
public final class WriteReadExample {

  private WriteReadExample() {}

  /** What went in and what came back. */
  public record RoundTrip(
      StructType written, StructType read, List<Row> writtenRows, List<Row> readRows) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        WriteReadExample.class,
        (spark, output) -> {
          System.out.println(
              "setup: 1,000 orders (10 columns) in 2 partitions written as Parquet, read back, both "
                  + "sides compared row by row in id order");
          RoundTrip trip = roundTrip(spark, new Path(output, "orders").toString());
          System.out.println("written schema: " + trip.written().simpleString());
          System.out.println("read schema:    " + trip.read().simpleString());
          System.out.printf(
              "rows written %d, read %d, equal: %s%n",
              trip.writtenRows().size(),
              trip.readRows().size(),
              trip.writtenRows().equals(trip.readRows()));
          System.out.println(
              "what this shows: Parquet keeps every column's name, type and value; what changes is "
                  + "nullability (Spark reads every Parquet column back as nullable)");
        });
  }

  public static RoundTrip roundTrip(SparkSession spark, String path) {
    Dataset<Row> orders = ParquetSampleData.orders(spark, 1_000, 2);
    orders.write().mode("overwrite").parquet(path);

    Dataset<Row> back = spark.read().parquet(path);
    back.printSchema();
    // root
    //  |-- id: long (nullable = true)
    //  |-- country: string (nullable = true)
    //  |-- store: integer (nullable = true)
    //  |-- amount: double (nullable = true)
    //  |-- quantity: integer (nullable = true)
    //  |-- ordered_at: timestamp (nullable = true)
    //  |-- customer_key: string (nullable = true)
    //  |-- sku: string (nullable = true)
    //  |-- express: boolean (nullable = true)
    //  |-- note: string (nullable = true)
    return new RoundTrip(
        orders.schema(),
        back.schema(),
        orders.orderBy("id").collectAsList(),
        back.orderBy("id").collectAsList());
  }
}
