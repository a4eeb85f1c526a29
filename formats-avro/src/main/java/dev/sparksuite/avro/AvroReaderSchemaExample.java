package dev.sparksuite.avro;

import static org.apache.spark.sql.avro.functions.from_avro;
import static org.apache.spark.sql.avro.functions.to_avro;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;

import dev.sparksuite.lessonkit.Lesson;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;

/**
 * One reader schema for every writer version. A topic fed through a schema registry carries values
 * written with several versions of a schema, each framed with its version's id ({@link
 * AvroRegistryFramingExample}). Decoding each id with its own schema gives each version its own
 * columns, and putting the versions back together fails as soon as two differ: {@link
 * AvroRegistryFramingExample}'s {@code decode} unions them by name, and a version with a field the
 * other lacks stops the query. {@code from_avro} takes a reader schema as its {@code avroSchema}
 * option: every id is still decoded with the writer's schema it names, and Avro resolves each
 * record against the one reader schema, so every version comes out with the same columns (a field
 * the writer lacked takes the reader's default) and the parts union by position.
 *
 * <p>In a stream the schema ids of a micro-batch are known only once the batch exists, so the
 * lookup and the decoding happen in {@code foreachBatch}: each batch asks the registry for its ids
 * and decodes with the one reader schema into the same table.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.avro.AvroReaderSchemaExample
 * formats-avro/target/formats-avro.jar <output-dir>}; the output directory may be a local path or
 * on HDFS ({@code hdfs://namenode:8020/lessons/avro}).
 */
public final class AvroReaderSchemaExample {

  /** Version 1 of the order schema, registered as id 1. */
  public static final String V1 =
      """
      {"type": "record", "name": "Order", "namespace": "dev.sparksuite.orders", "fields": [
        {"name": "id", "type": "long"}, {"name": "country", "type": "string"},
        {"name": "amount", "type": "double"}]}""";

  /** Version 2 adds the sales channel with a default, registered as id 2; the reader's schema. */
  public static final String V2 =
      """
      {"type": "record", "name": "Order", "namespace": "dev.sparksuite.orders", "fields": [
        {"name": "id", "type": "long"}, {"name": "country", "type": "string"},
        {"name": "amount", "type": "double"},
        {"name": "channel", "type": "string", "default": "web"}]}""";

  /** What the consumer's registry knows: id to writer schema. */
  public static final Map<Integer, String> REGISTRY = Map.of(1, V1, 2, V2);

  private AvroReaderSchemaExample() {}

  /**
   * The error of decoding each id with its own schema, the rows decoded to the reader schema
   * (schema_id, id, country, amount, channel), and the rows a stream decoded the same way in {@code
   * foreachBatch}.
   */
  public record ReaderSchema(String ownSchemas, List<Row> resolved, List<Row> streamed) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        AvroReaderSchemaExample.class,
        (spark, output) -> {
          ReaderSchema r = decodeEveryVersion(spark, output);
          System.out.println(
              "setup: 3 orders written with schema v1 (id 1) and 3 with v2 (id 2, adds channel with "
                  + "default web), framed as a schema registry does; the reader's schema is v2");
          System.out.println("each id with its own schema, unioned: " + r.ownSchemas());
          System.out.println(
              "each id resolved to the reader schema (schema_id, id, country, amount, channel):");
          r.resolved().forEach(row -> System.out.println("  " + row));
          System.out.println("the same in a stream, through foreachBatch: " + r.streamed());
          System.out.println(
              "what this shows: from_avro's avroSchema option resolves every writer version to one reader "
                  + "schema (v1 records take channel's default), so the versions union into one table, in a batch or "
                  + "in a stream's foreachBatch");
        });
  }

  public static ReaderSchema decodeEveryVersion(SparkSession spark, Path output)
      throws TimeoutException, StreamingQueryException {
    Dataset<Row> values = framedVersions(spark);
    String ownSchemas;
    try {
      AvroRegistryFramingExample.decode(values, REGISTRY).collectAsList();
      ownSchemas = "no error";
    } catch (Exception e) {
      ownSchemas = e.getMessage().lines().findFirst().orElse("");
    }
    List<Row> resolved = decode(values, REGISTRY, V2).orderBy("id").collectAsList();

    // The same values as a stream: a directory of files a producer keeps adding to.
    Path incoming = new Path(output, "incoming");
    Path table = new Path(output, "orders");
    values.write().mode("overwrite").parquet(incoming.toString());
    spark
        .readStream()
        .schema(values.schema())
        .parquet(incoming.toString())
        .writeStream()
        .option("checkpointLocation", new Path(output, "checkpoint").toString())
        .foreachBatch(
            (VoidFunction2<Dataset<Row>, Long>)
                (batch, batchId) -> {
                  if (!batch.isEmpty()) {
                    decode(batch, REGISTRY, V2).write().mode("append").parquet(table.toString());
                  }
                })
        .trigger(Trigger.AvailableNow())
        .start()
        .awaitTermination();
    List<Row> streamed = spark.read().parquet(table.toString()).orderBy("id").collectAsList();
    return new ReaderSchema(ownSchemas, resolved, streamed);
  }

  /** Three orders per version, each framed with its version's id. */
  static Dataset<Row> framedVersions(SparkSession spark) {
    Dataset<Row> orders =
        spark
            .range(6)
            .selectExpr(
                "id",
                "element_at(array('DE', 'FR', 'NL'), CAST(id % 3 AS INT) + 1) AS country",
                "CAST(id + 1 AS DOUBLE) AS amount",
                "'app' AS channel");
    Dataset<Row> v1 =
        orders
            .where("id < 3")
            .select(
                AvroRegistryFramingExample.withRegistryHeader(
                        to_avro(struct(col("id"), col("country"), col("amount")), V1), 1)
                    .as("value"));
    Dataset<Row> v2 =
        orders
            .where("id >= 3")
            .select(
                AvroRegistryFramingExample.withRegistryHeader(
                        to_avro(
                            struct(col("id"), col("country"), col("amount"), col("channel")), V2),
                        2)
                    .as("value"));
    return v1.union(v2);
  }

  /**
   * Decodes each value with the writer's schema its id names, resolved to {@code readerSchema}:
   * every part has the reader's columns, so the parts union by position. An id the registry lacks
   * stops the decode before any record is read, and so do no values at all.
   */
  public static Dataset<Row> decode(
      Dataset<Row> values, Map<Integer, String> registry, String readerSchema) {
    Dataset<Row> split =
        values.selectExpr(
            "CAST(conv(hex(substring(value, 2, 4)), 16, 10) AS INT) AS schema_id",
            "substring(value, 6) AS avro");
    Dataset<Row> decoded = null;
    for (Row id : split.select("schema_id").distinct().collectAsList()) {
      String writer = registry.get(id.getInt(0));
      if (writer == null) {
        throw new IllegalArgumentException("schema id " + id.getInt(0) + " is not in the registry");
      }
      Dataset<Row> part =
          split
              .where(col("schema_id").equalTo(id.getInt(0)))
              .select(
                  col("schema_id"),
                  from_avro(
                          col("avro"),
                          writer,
                          Map.of("mode", "FAILFAST", "avroSchema", readerSchema))
                      .as("order"));
      decoded = decoded == null ? part : decoded.union(part);
    }
    if (decoded == null) {
      throw new IllegalArgumentException("no values to decode");
    }
    return decoded.select(
        "schema_id", "order.id", "order.country", "order.amount", "order.channel");
  }
}
