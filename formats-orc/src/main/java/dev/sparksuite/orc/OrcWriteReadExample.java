package dev.sparksuite.orc;

import dev.sparksuite.lessonkit.Lesson;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.orc.Reader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Write a DataFrame with Spark's native ORC support and read it back. The file's tail carries the
 * schema as an ORC type tree, so columns, types and rows come back with no schema given.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.orc.OrcWriteReadExample
 * formats-orc/target/formats-orc.jar <output-dir>}; the output directory may be a local path or on
 * HDFS ({@code hdfs://namenode:8020/lessons/orc}), since Spark and orc-core both reach it through
 * Hadoop's {@code FileSystem}.
 *
 * <p>Proved for every format, side by side, by {@code SameLessonAcrossFormatsTest} in
 * formats-compared.
 */
public final class OrcWriteReadExample {

  private OrcWriteReadExample() {}

  /** What went in, what came back, and the schema orc-core reads from the file itself. */
  public record RoundTrip(
      StructType written,
      StructType read,
      String orcSchema,
      List<Row> writtenRows,
      List<Row> readRows) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        OrcWriteReadExample.class,
        (spark, output) -> {
          RoundTrip trip = roundTrip(spark, new Path(output, "orders"));
          System.out.printf(
              "setup: %,d orders in 2 partitions, written with Spark's ORC writer (one file per task) "
                  + "and read back%n",
              trip.writtenRows().size());
          System.out.println("Spark schema written:   " + trip.written().simpleString());
          System.out.println("ORC schema in the file: " + trip.orcSchema());
          System.out.println("read schema:            " + trip.read().simpleString());
          System.out.printf(
              "rows written %d, read %d, equal: %s%n",
              trip.writtenRows().size(),
              trip.readRows().size(),
              trip.writtenRows().equals(trip.readRows()));
          System.out.println(
              "what this shows: ORC stores the schema as its own type tree (bigint, string, double) "
                  + "with the column names, so names, types and every row come back as written");
        });
  }

  public static RoundTrip roundTrip(SparkSession spark, Path path) throws IOException {
    Dataset<Row> orders = OrcSampleData.orders(spark, 1_000, 2);
    orders.write().mode("overwrite").orc(path.toString());

    Dataset<Row> back = spark.read().orc(path.toString());
    // orc-core opens the file through the same Hadoop file system Spark wrote it to (local or
    // HDFS).
    String orcSchema;
    try (Reader reader =
        OrcFiles.openFirst(path.getFileSystem(spark.sparkContext().hadoopConfiguration()), path)) {
      // struct<id:bigint,country:string,amount:double,customer_key:string,note:string>
      orcSchema = reader.getSchema().toString();
    }
    return new RoundTrip(
        orders.schema(),
        back.schema(),
        orcSchema,
        orders.orderBy("id").collectAsList(),
        back.orderBy("id").collectAsList());
  }
}
