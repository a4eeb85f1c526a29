package dev.sparksuite.avro;

import static org.apache.spark.sql.avro.functions.from_avro;
import static org.apache.spark.sql.avro.functions.to_avro;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;

/**
 * Lesson 7: Avro over Kafka. A Spark job encodes orders with {@code to_avro} and writes them to a
 * topic; another job reads them back with {@code from_avro}, once as a batch and once as
 * Structured Streaming with a checkpoint, where a restart continues from the committed offsets
 * and reads no record twice; and a plain {@code KafkaConsumer} decodes the same bytes with the
 * avro library. The bytes are plain Avro binary: the writer's schema is not in the message, so
 * producer and consumer must agree on it.
 *
 * <p>Schema registries solve that agreement. Confluent's wire format prefixes each value with a
 * magic byte {@code 0} and the 4-byte big-endian id of the schema in the registry, then the Avro
 * binary. {@code from_avro} does not understand that prefix: strip the 5 bytes first ({@code
 * substring(value, 6)}) or use a registry-aware decoder. {@link #withRegistryPrefix} shows the
 * framing; this lesson looks no schema up in a registry — no registry server is part of it.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.avro.KafkaAvroExample
 * formats-avro/target/formats-avro.jar <bootstrap-servers> <output-dir>}
 */
public final class KafkaAvroExample {

  /** The message value's schema, shared by producer and consumers. */
  public static final String SCHEMA = """
      {"type": "record", "name": "Order", "namespace": "dev.sparksuite.orders", "fields": [
        {"name": "id", "type": "long"}, {"name": "country", "type": "string"}, {"name": "amount", "type": "double"}]}""";

  private KafkaAvroExample() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2 || args[0].startsWith("-")) {
      System.err.println("usage: spark-submit --class " + KafkaAvroExample.class.getName()
          + " formats-avro/target/formats-avro.jar <bootstrap-servers> <output-dir>");
      System.exit(2);
    }
    String bootstrap = args[0];
    Path output = Path.of(args[1]).toAbsolutePath();
    SparkSession spark = SparkSession.builder().appName("spark-suite KafkaAvroExample").getOrCreate();
    try {
      String topic = "orders-" + UUID.randomUUID();
      Path checkpoint = output.resolve("checkpoint");
      Path sink = output.resolve("orders-from-stream");
      System.out.println("sent:                    " + produce(spark, bootstrap, topic, 0, 100));
      System.out.println("batch read:              " + readBatch(spark, bootstrap, topic).size());
      System.out.println("stream run 1, sink rows: " + streamOnce(spark, bootstrap, topic, checkpoint, sink));
      System.out.println("sent:                    " + produce(spark, bootstrap, topic, 100, 50));
      System.out.println("stream run 2, sink rows: " + streamOnce(spark, bootstrap, topic, checkpoint, sink));
      System.out.println("native consumer decoded: " + consumeNatively(bootstrap, topic, 150, Duration.ofSeconds(60))
          .size());
    } finally {
      spark.stop();
    }
  }

  /** Sends orders with ids [from, from + count) to the topic; returns how many were sent. */
  public static long produce(SparkSession spark, String bootstrap, String topic, long from, long count) {
    Dataset<Row> orders = spark.range(from, from + count, 1, 2).selectExpr("id",
        "element_at(array('DE', 'FR', 'NL'), CAST(id % 3 AS INT) + 1) AS country", "CAST(id % 100 + 1 AS DOUBLE) AS amount");
    orders.select(col("id").cast("string").as("key"), to_avro(struct(col("id"), col("country"), col("amount")), SCHEMA)
            .as("value"))
        .write().format("kafka")
        .option("kafka.bootstrap.servers", bootstrap)
        .option("topic", topic)
        .save();
    return count;
  }

  /** Everything in the topic now, decoded: a bounded batch read from the earliest offsets. */
  public static List<Row> readBatch(SparkSession spark, String bootstrap, String topic) {
    return decode(spark.read().format("kafka")
            .option("kafka.bootstrap.servers", bootstrap)
            .option("subscribe", topic)
            .option("startingOffsets", "earliest")
            .option("endingOffsets", "latest")
            .load())
        .orderBy("id").collectAsList();
  }

  /**
   * One run of a streaming query: reads what is new since the checkpoint, appends it to a Parquet
   * sink, commits the offsets, and stops ({@code availableNow}). Returns the rows in the sink.
   * The file sink and the checkpoint together make the output exactly-once across restarts.
   */
  public static long streamOnce(SparkSession spark, String bootstrap, String topic, Path checkpoint, Path sink)
      throws TimeoutException, StreamingQueryException {
    StreamingQuery query = decode(spark.readStream().format("kafka")
            .option("kafka.bootstrap.servers", bootstrap)
            .option("subscribe", topic)
            .option("startingOffsets", "earliest")
            .load())
        .writeStream()
        .format("parquet")
        .option("path", sink.toString())
        .option("checkpointLocation", checkpoint.toString())
        .trigger(Trigger.AvailableNow())
        .start();
    query.awaitTermination();
    return spark.read().parquet(sink.toString()).count();
  }

  private static Dataset<Row> decode(Dataset<Row> kafka) {
    return kafka.select(from_avro(col("value"), SCHEMA, Map.of("mode", "FAILFAST")).as("order"))
        .select("order.id", "order.country", "order.amount");
  }

  /** A plain Kafka consumer and the avro library: the same bytes, no Spark. */
  public static List<GenericRecord> consumeNatively(String bootstrap, String topic, int expected, Duration timeout) {
    Schema schema = new Schema.Parser().parse(SCHEMA);
    GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(schema);
    List<GenericRecord> records = new ArrayList<>();
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, "native-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      while (records.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> message : consumer.poll(Duration.ofMillis(500))) {
          records.add(reader.read(null, DecoderFactory.get().binaryDecoder(message.value(), null)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("a message is not Avro of the agreed schema", e);
    }
    return records;
  }

  /** The registry wire format: magic byte 0, the schema id (4 bytes, big-endian), the Avro binary. */
  public static byte[] withRegistryPrefix(int schemaId, byte[] avroBinary) {
    return java.nio.ByteBuffer.allocate(5 + avroBinary.length)
        .put((byte) 0).putInt(schemaId).put(avroBinary).array();
  }
}
