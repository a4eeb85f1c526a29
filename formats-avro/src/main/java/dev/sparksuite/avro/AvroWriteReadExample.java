package dev.sparksuite.avro;

import dev.sparksuite.lessonkit.Lesson;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Write and read Avro with spark-avro ({@code format("avro")}). An Avro data file's header (after
 * the magic {@code Obj\u0001}) carries the writer's schema as JSON, so a reader needs nothing else;
 * spark-avro maps it to a Spark schema and the rows come back as written. Avro is row-oriented:
 * good for writing and for whole-record reads, not for reading two columns of ten (that is
 * Parquet's and ORC's job).
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.avro.AvroWriteReadExample
 * formats-avro/target/formats-avro.jar <output-dir>}; the output directory may be a local path or
 * on HDFS ({@code hdfs://namenode:8020/lessons/avro}), since Spark and the avro library both reach
 * it through Hadoop's {@code FileSystem}.
 *
 * <p>Proved for every format, side by side, by {@code SameLessonAcrossFormatsTest} in
 * formats-compared.
 */
public final class AvroWriteReadExample {

  private AvroWriteReadExample() {}

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
        AvroWriteReadExample.class,
        (spark, output) -> {
          Path dir = new Path(output, "orders");
          RoundTrip trip = roundTrip(spark, dir);
          // The avro library reads the files where Spark wrote them, local or on HDFS.
          FileSystem fs = Lesson.fileSystem(spark, dir);
          List<FileStatus> files = AvroFiles.dataFiles(fs, dir);
          System.out.printf(
              "setup: %,d orders in 2 partitions written with format(\"avro\"): %d files, %d Avro "
                  + "blocks, %,d bytes%n",
              trip.writtenRows().size(),
              files.size(),
              AvroFiles.blocks(fs, files),
              files.stream().mapToLong(FileStatus::getLen).sum());
          System.out.println("written schema:            " + trip.written().simpleString());
          System.out.println("read schema (from header): " + trip.read().simpleString());
          System.out.println(
              "writer's schema in the header (avro.schema): "
                  + AvroFiles.header(fs, files.get(0), "avro.schema"));
          System.out.printf(
              "rows written %d, read %d, equal: %s%n",
              trip.writtenRows().size(),
              trip.readRows().size(),
              trip.writtenRows().equals(trip.readRows()));
          System.out.println(
              "what this shows: an Avro file carries its writer's schema in its header, so Spark reads "
                  + "back the same columns and rows with no schema given");
        });
  }

  public static RoundTrip roundTrip(SparkSession spark, Path path) {
    Dataset<Row> orders = AvroSampleData.orders(spark, 1_000, 2);
    orders.write().mode("overwrite").format("avro").save(path.toString());
    Dataset<Row> back = spark.read().format("avro").load(path.toString());
    return new RoundTrip(
        orders.schema(),
        back.schema(),
        orders.orderBy("id").collectAsList(),
        back.orderBy("id").collectAsList());
  }
}
