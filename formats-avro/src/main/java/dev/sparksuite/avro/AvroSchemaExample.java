package dev.sparksuite.avro;

import dev.sparksuite.lessonkit.Lesson;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * An explicit Avro schema. Left alone, spark-avro names the record {@code topLevelRecord} and maps
 * types its own way. With {@code avroSchema} on write, the file carries exactly the schema a
 * consumer expects: record name and namespace, nullable fields as unions with null, and logical
 * types (a decimal stored as bytes, a date as days, a timestamp as milliseconds). Reading needs no
 * option: the schema travels in the file's header, and Spark maps it back to decimal, date,
 * timestamp and a nullable string. ({@code avroSchema} on read matters when the reader's schema
 * differs from the writer's: {@link SchemaEvolutionExample}.)
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.avro.AvroSchemaExample
 * formats-avro/target/formats-avro.jar <output-dir>}; the output directory may be a local path or
 * on HDFS ({@code hdfs://namenode:8020/lessons/avro}).
 */
public final class AvroSchemaExample {

  /** The contract, as JSON: what other Avro consumers will see in the file header. */
  public static final String SCHEMA =
      """
      {"type": "record", "name": "Payment", "namespace": "dev.sparksuite.payments",
       "fields": [
         {"name": "id", "type": "long"},
         {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
         {"name": "booked_on", "type": {"type": "int", "logicalType": "date"}},
         {"name": "paid_at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
         {"name": "reference", "type": ["null", "string"], "default": null}
       ]}""";

  private AvroSchemaExample() {}

  /** The schema the file header holds, the Spark schema read back, and the rows. */
  public record Explicit(Schema fileSchema, String sparkSchema, List<Row> rows) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        AvroSchemaExample.class,
        (spark, output) -> {
          Explicit e = writeWithSchema(spark, new Path(output, "payments"));
          System.out.println(
              "setup: 3 payments (id 0..2) written in one file with option avroSchema, read back "
                  + "with no option");
          System.out.println("record in the file: " + e.fileSchema().getFullName());
          e.fileSchema()
              .getFields()
              .forEach(f -> System.out.printf("  field %-9s Avro type %s%n", f.name(), f.schema()));
          System.out.println("Spark reads it as:  " + e.sparkSchema());
          System.out.println("rows (id, price, booked_on, paid_at, reference):");
          e.rows().forEach(r -> System.out.println("  " + r));
          System.out.println(
              "what this shows: avroSchema sets the record name, the null unions and the logical types "
                  + "in the file, and Spark maps them back to decimal, date, timestamp and a nullable string");
        });
  }

  public static Explicit writeWithSchema(SparkSession spark, Path path) throws IOException {
    spark
        .sql(
            "SELECT id, CAST(id * 1.25 AS DECIMAL(10,2)) AS price, date_add(DATE'2026-01-01', CAST(id AS INT)) "
                + "AS booked_on, timestamp_millis(1767225600000 + id * 1000) AS paid_at, "
                + "IF(id % 2 = 0, concat('ref-', id), NULL) AS reference FROM range(3)")
        .coalesce(1)
        .write()
        .mode("overwrite")
        .format("avro")
        .option("avroSchema", SCHEMA)
        .save(path.toString());

    FileSystem fs = Lesson.fileSystem(spark, path);
    Schema inFile =
        new Schema.Parser()
            .parse(AvroFiles.header(fs, AvroFiles.dataFiles(fs, path).get(0), "avro.schema"));
    var back = spark.read().format("avro").load(path.toString());
    return new Explicit(inFile, back.schema().simpleString(), back.orderBy("id").collectAsList());
  }
}
