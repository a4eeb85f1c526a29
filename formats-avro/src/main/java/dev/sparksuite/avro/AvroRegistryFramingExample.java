package dev.sparksuite.avro;

import static org.apache.spark.sql.avro.functions.from_avro;
import static org.apache.spark.sql.avro.functions.to_avro;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.struct;

import dev.sparksuite.lessonkit.Lesson;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The schema-registry wire format, framed and unframed by Spark. A registry (Confluent's and those
 * compatible with it) gives every schema an id; a producer then prefixes each Kafka value with 5
 * bytes: a magic byte {@code 0} and the schema id as a 4-byte big-endian int, followed by the
 * record's plain Avro binary. A consumer reads the id, asks the registry for that schema once, and
 * decodes the rest with it.
 *
 * <p>{@code from_avro} reads plain Avro binary only, and nothing in the bytes lets it notice a
 * prefix: given the whole value it decodes the magic byte as the first field, the id's bytes as the
 * next ones, and returns wrong rows without an error, even under FAILFAST. Decoding fails only on
 * bytes that cannot be read as the schema at all (they run out, a length is negative, a union
 * branch or enum index does not exist); it stops as soon as the schema's last field is read, and
 * {@code from_avro} never checks that it used up the bytes, so a valid record followed by anything
 * decodes as the record alone. So the query strips the prefix itself: {@code substring(value, 6)}
 * (SQL counts from 1) is the Avro binary, {@code substring(value, 2, 4)} the schema id. The lesson
 * resolves ids against a map standing in for the registry; no registry server is part of it.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.avro.AvroRegistryFramingExample
 * formats-avro/target/formats-avro.jar <output-dir>}; the output directory may be a local path or
 * on HDFS ({@code hdfs://namenode:8020/lessons/avro}).
 */
public final class AvroRegistryFramingExample {

  /** The id a registry gave {@link KafkaAvroExample#SCHEMA}. */
  public static final int SCHEMA_ID = 42;

  /** What the consumer's registry knows: id to writer schema. */
  public static final Map<Integer, String> REGISTRY = Map.of(SCHEMA_ID, KafkaAvroExample.SCHEMA);

  private AvroRegistryFramingExample() {}

  /**
   * The 5-byte prefixes as hex, the rows decoded after stripping them (schema_id, id, country,
   * amount), the rows {@code from_avro} returns for the whole value, and the rows it returns for
   * each stripped record followed by two more bytes.
   */
  public record Framing(
      List<String> prefixes, List<Row> stripped, List<Row> unstripped, List<Row> trailingBytes) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        AvroRegistryFramingExample.class,
        (spark, output) -> {
          Framing f = frameAndDecode(spark);
          System.out.printf(
              "setup: %d orders framed as a schema registry does: magic byte 0, schema id %d in 4 bytes "
                  + "big-endian, then the Avro binary record; registry schema %s%n",
              f.prefixes().size(), SCHEMA_ID, KafkaAvroExample.SCHEMA.replaceAll("\\s+", " "));
          System.out.println("prefixes (hex of the first 5 bytes): " + f.prefixes());
          System.out.println(
              "prefix stripped:         " + f.stripped() + " (schema_id, id, country, amount)");
          System.out.println("whole value to from_avro (id, country, amount): " + f.unstripped());
          System.out.println(
              "record + 2 more bytes (id, country, amount):    " + f.trailingBytes());
          System.out.println(
              "what this shows: from_avro needs the 5-byte prefix stripped (substring(value, 6)) and "
                  + "the schema looked up by the id in bytes 2 to 5; given the whole value it decodes wrong rows without an "
                  + "error");
        });
  }

  public static Framing frameAndDecode(SparkSession spark) {
    Dataset<Row> values = framed(spark, 3, SCHEMA_ID);
    List<String> prefixes =
        values
            .orderBy("key")
            .selectExpr("hex(substring(value, 1, 5))")
            .as(Encoders.STRING())
            .collectAsList();
    List<Row> stripped = decode(values, REGISTRY).orderBy("id").collectAsList();
    // The same schema, the whole value: magic byte 0 reads as id 0, the id's first byte as an
    // empty country, and the amount takes 8 bytes straddling the id and the record.
    List<Row> unstripped =
        values
            .orderBy("key")
            .select(
                from_avro(col("value"), KafkaAvroExample.SCHEMA, Map.of("mode", "FAILFAST"))
                    .as("order"))
            .select("order.id", "order.country", "order.amount")
            .collectAsList();
    // Decoding stops at the schema's last field: whatever follows is never looked at.
    List<Row> trailing =
        values
            .orderBy("key")
            .select(
                from_avro(
                        concat(expr("substring(value, 6)"), expr("X'FFFF'")),
                        KafkaAvroExample.SCHEMA,
                        Map.of("mode", "FAILFAST"))
                    .as("order"))
            .select("order.id", "order.country", "order.amount")
            .collectAsList();
    return new Framing(prefixes, stripped, unstripped, trailing);
  }

  /**
   * Kafka-style rows (key, value) as a registry-aware producer writes them: magic byte, schema id,
   * then {@code to_avro} of the order.
   */
  public static Dataset<Row> framed(SparkSession spark, long orders, int schemaId) {
    return spark
        .range(orders)
        .selectExpr(
            "id",
            "element_at(array('DE', 'FR', 'NL'), CAST(id % 3 AS INT) + 1) AS country",
            "CAST(id % 100 + 1 AS DOUBLE) AS amount")
        .select(
            col("id").cast("string").as("key"),
            withRegistryHeader(
                    to_avro(
                        struct(col("id"), col("country"), col("amount")), KafkaAvroExample.SCHEMA),
                    schemaId)
                .as("value"));
  }

  /**
   * The registry's 5-byte header before Avro binary: magic byte 0, the id as 4 bytes big-endian.
   */
  static Column withRegistryHeader(Column avro, int schemaId) {
    return concat(expr("X'00'"), expr("unhex(lpad(hex(" + schemaId + "), 8, '0'))"), avro);
  }

  /**
   * Reads each value's schema id, looks every distinct id up in the registry (an unknown id stops
   * the job before any record is decoded), and decodes the Avro binary after the prefix.
   */
  public static Dataset<Row> decode(Dataset<Row> values, Map<Integer, String> registry) {
    Dataset<Row> split =
        values.select(
            expr("substring(value, 1, 1) = X'00'").as("magic_ok"),
            expr("CAST(conv(hex(substring(value, 2, 4)), 16, 10) AS INT)").as("schema_id"),
            expr("substring(value, 6)").as("avro"));
    List<Row> ids = split.select("schema_id", "magic_ok").distinct().collectAsList();
    Dataset<Row> decoded = null;
    for (Row id : ids) {
      if (!id.getBoolean(1)) {
        throw new IllegalArgumentException(
            "a value does not start with the magic byte 0: not registry-framed");
      }
      String schema = registry.get(id.getInt(0));
      if (schema == null) {
        throw new IllegalArgumentException("schema id " + id.getInt(0) + " is not in the registry");
      }
      Dataset<Row> rows =
          split
              .where(col("schema_id").equalTo(id.getInt(0)))
              .select(
                  col("schema_id"),
                  from_avro(col("avro"), schema, Map.of("mode", "FAILFAST")).as("order"));
      decoded = decoded == null ? rows : decoded.unionByName(rows);
    }
    if (decoded == null) {
      throw new IllegalArgumentException("no values to decode");
    }
    return decoded.select("schema_id", "order.id", "order.country", "order.amount");
  }
}
