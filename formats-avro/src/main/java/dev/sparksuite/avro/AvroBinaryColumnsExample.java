package dev.sparksuite.avro;

import static org.apache.spark.sql.avro.functions.from_avro;
import static org.apache.spark.sql.avro.functions.to_avro;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;

import dev.sparksuite.lessonkit.Lesson;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Avro inside a column. {@code to_avro} encodes a struct column as Avro binary (no file header:
 * just the record's bytes, as Kafka messages carry them) and {@code from_avro} decodes it with a
 * schema the reader supplies. Nothing in the bytes names their schema, so the writer passes the
 * same schema to {@code to_avro}: left to derive one, {@code to_avro} writes every nullable column
 * as a union of its type and null (here {@code ["string","null"]}), one extra byte (the branch
 * index) before the value. Whether a column is nullable can hang on a setting: with {@code
 * spark.sql.ansi.enabled=false}, {@code element_at} past the end of the array gives null instead of
 * failing, so its column turns nullable, the derived schema gains the union, and a reader with a
 * plain {@code "string"} decodes the branch index as an empty string, silently. The explicit schema
 * gives the same bytes under both settings (and a null in the column would stop the query with
 * {@code AVRO_CANNOT_WRITE_NULL_FIELD}).
 *
 * <p>A payload that does not decode is handled by {@code mode}. FAILFAST, the default, stops the
 * query with an error. PERMISSIVE carries on, but for a record schema it does not return null: it
 * returns a struct whose every field is null, so {@code WHERE order IS NULL} finds nothing. A bad
 * payload is found through a field the schema makes required ({@code id} is a plain {@code "long"},
 * which a payload that decodes always fills), and the dead-letter rows keep what is needed to look
 * at it later: the raw bytes and where they came from (here an offset column, as a Kafka source
 * gives one).
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.avro.AvroBinaryColumnsExample
 * formats-avro/target/formats-avro.jar <output-dir>}; the output directory may be a local path or
 * on HDFS ({@code hdfs://namenode:8020/lessons/avro}).
 */
public final class AvroBinaryColumnsExample {

  /** The payload's schema: a record with a long and a string. */
  public static final String SCHEMA =
      """
      {"type": "record", "name": "Order", "fields": [
        {"name": "id", "type": "long"}, {"name": "country", "type": "string"}]}""";

  private AvroBinaryColumnsExample() {}

  /**
   * Decoded rows, the payloads as hex; under PERMISSIVE with one malformed payload among four: the
   * rows (offset, whether the struct is null, id, country), how many structs are null, and the
   * dead-letter rows (offset, payload as hex); the errors of FAILFAST and of no mode option.
   */
  public record Binary(
      List<Row> decoded,
      List<String> payloadHex,
      List<Row> permissive,
      long nullStructs,
      List<Row> deadLetters,
      String failFastError,
      String defaultModeError) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    // Every lesson takes an output directory; this one keeps everything in memory.
    return Lesson.run(
        mode,
        args,
        AvroBinaryColumnsExample.class,
        (spark, output) -> {
          Binary b = encodeAndDecode(spark);
          System.out.println(
              "setup: 3 orders (id, country) encoded with to_avro and the writer's schema "
                  + SCHEMA.replaceAll("\\s+", " ")
                  + "; spark.sql.ansi.enabled="
                  + spark.conf().get("spark.sql.ansi.enabled"));
          System.out.println(
              "payloads:            " + b.payloadHex() + " (hex: zigzag id, string length, bytes)");
          System.out.println("decoded:             " + b.decoded() + " (id, country)");
          System.out.println(
              "PERMISSIVE:          "
                  + b.permissive()
                  + " (offset, order IS NULL, id, country); order IS NULL in "
                  + b.nullStructs()
                  + " rows");
          System.out.println(
              "dead letters:        " + b.deadLetters() + " (offset, payload hex: id IS NULL)");
          System.out.println("FAILFAST fails with: " + b.failFastError());
          System.out.println("no mode fails with:  " + b.defaultModeError());
          System.out.println(
              "what this shows: to_avro writes a bare record with no schema in it, from_avro needs the "
                  + "writer's schema; a payload that does not decode stops the query (FAILFAST, the default) "
                  + "or, under PERMISSIVE, becomes a struct of nulls, found through a required field");
        });
  }

  public static Binary encodeAndDecode(SparkSession spark) {
    return encodeAndDecode(spark, true);
  }

  /**
   * With {@code explicitWriterSchema} false, {@code to_avro} derives the writer's schema from the
   * column types, which is right only while the country column is not nullable.
   */
  public static Binary encodeAndDecode(SparkSession spark, boolean explicitWriterSchema) {
    // Nullable under spark.sql.ansi.enabled=false, not nullable under true (Spark 4's default).
    Dataset<Row> orders =
        spark.sql(
            "SELECT id, element_at(array('DE', 'FR'), CAST(id % 2 AS INT) + 1) AS country "
                + "FROM range(3)");
    Dataset<Row> payloads =
        orders.select(
            col("id"),
            (explicitWriterSchema
                    ? to_avro(struct(col("id"), col("country")), SCHEMA)
                    : to_avro(struct(col("id"), col("country"))))
                .as("payload"));
    // id 0, "DE": zigzag 0 = 00, length 2 = 04, 'D' 'E' = 4445.
    List<String> hex =
        payloads.orderBy("id").selectExpr("hex(payload)").as(Encoders.STRING()).collectAsList();
    List<Row> decoded =
        payloads
            .select(from_avro(col("payload"), SCHEMA).as("order"))
            .select("order.id", "order.country")
            .orderBy("id")
            .collectAsList();

    // One payload that is not Avro of this schema: a single byte is an incomplete long. The offset
    // column stands for where a payload came from (a Kafka source gives one per record).
    Dataset<Row> withGarbage =
        payloads
            .select(col("id").as("offset"), col("payload"))
            .union(spark.sql("SELECT 3L AS offset, CAST(X'FF' AS BINARY) AS payload"));
    Dataset<Row> lenient =
        withGarbage.select(
            col("offset"),
            col("payload"),
            from_avro(col("payload"), SCHEMA, Map.of("mode", "PERMISSIVE")).as("order"));
    List<Row> permissive =
        lenient
            .select(col("offset"), col("order").isNull(), col("order.id"), col("order.country"))
            .orderBy("offset")
            .collectAsList();
    long nullStructs = lenient.where(col("order").isNull()).count();
    // id is a required long: only a payload that failed to decode leaves it null.
    List<Row> deadLetters =
        lenient
            .where(col("order.id").isNull())
            .selectExpr("offset", "hex(payload)")
            .orderBy("offset")
            .collectAsList();
    String failFast =
        firstErrorLine(
            withGarbage.select(from_avro(col("payload"), SCHEMA, Map.of("mode", "FAILFAST"))));
    String noMode = firstErrorLine(withGarbage.select(from_avro(col("payload"), SCHEMA)));
    return new Binary(decoded, hex, permissive, nullStructs, deadLetters, failFast, noMode);
  }

  private static String firstErrorLine(Dataset<Row> query) {
    try {
      query.collectAsList();
      return "no error";
    } catch (Exception e) {
      return e.getMessage().lines().findFirst().orElse("");
    }
  }
}
