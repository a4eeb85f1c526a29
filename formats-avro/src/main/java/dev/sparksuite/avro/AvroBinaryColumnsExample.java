package dev.sparksuite.avro;

import static org.apache.spark.sql.avro.functions.from_avro;
import static org.apache.spark.sql.avro.functions.to_avro;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;

import dev.sparksuite.lessons.Lesson;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Lesson 5: Avro inside a column. {@code to_avro} encodes a struct column as Avro binary (no file
 * header: just the record's bytes, as Kafka messages carry them) and {@code from_avro} decodes
 * it with a schema the reader supplies. A payload that does not decode is handled by {@code mode}:
 * PERMISSIVE turns it into null and carries on, FAILFAST stops the query with an error.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.avro.AvroBinaryColumnsExample
 * formats-avro/target/formats-avro.jar <output-dir>}
 */
public final class AvroBinaryColumnsExample {

  /** The payload's schema: a record with a long and a string. */
  public static final String SCHEMA = """
      {"type": "record", "name": "Order", "fields": [
        {"name": "id", "type": "long"}, {"name": "country", "type": "string"}]}""";

  private AvroBinaryColumnsExample() {}

  /** Decoded rows, rows under PERMISSIVE with one malformed payload, and FAILFAST's error. */
  public record Binary(List<Row> decoded, List<Row> permissive, String failFastError) {}

  public static void main(String[] args) {
    // Every lesson takes an output directory; this one keeps everything in memory.
    Lesson.outputDirectory(args, AvroBinaryColumnsExample.class);
    SparkSession spark = Lesson.session(AvroBinaryColumnsExample.class);
    try {
      Binary b = encodeAndDecode(spark);
      System.out.println("decoded:             " + b.decoded());
      System.out.println("PERMISSIVE:          " + b.permissive());
      System.out.println("FAILFAST fails with: " + b.failFastError());
    } finally {
      spark.stop();
    }
  }

  public static Binary encodeAndDecode(SparkSession spark) {
    Dataset<Row> payloads = spark.sql("SELECT id, element_at(array('DE', 'FR'), CAST(id % 2 AS INT) + 1) AS country "
            + "FROM range(3)")
        .select(col("id"), to_avro(struct(col("id"), col("country"))).as("payload"));
    List<Row> decoded = payloads.select(from_avro(col("payload"), SCHEMA).as("order"))
        .select("order.id", "order.country").orderBy("id").collectAsList();

    // One payload that is not Avro of this schema: a single byte is an incomplete long.
    Dataset<Row> withGarbage = payloads.select("payload")
        .union(spark.sql("SELECT CAST(X'FF' AS BINARY) AS payload"));
    List<Row> permissive = withGarbage
        .select(from_avro(col("payload"), SCHEMA, Map.of("mode", "PERMISSIVE")).as("order"))
        .select("order.id", "order.country").orderBy(col("id").asc_nulls_first()).collectAsList();
    String error;
    try {
      withGarbage.select(from_avro(col("payload"), SCHEMA, Map.of("mode", "FAILFAST"))).collectAsList();
      error = "no error";
    } catch (Exception e) {
      error = e.getMessage().lines().findFirst().orElse("");
    }
    return new Binary(decoded, permissive, error);
  }
}
