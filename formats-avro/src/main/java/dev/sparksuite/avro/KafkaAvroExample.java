package dev.sparksuite.avro;

import static org.apache.spark.sql.avro.functions.from_avro;
import static org.apache.spark.sql.avro.functions.to_avro;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;

import dev.sparksuite.lessonkit.DataFiles;
import dev.sparksuite.lessonkit.Errors;
import dev.sparksuite.lessonkit.Lesson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.JavaSparkStatusTracker;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;

/**
 * Avro over Kafka. A Spark job encodes orders with {@code to_avro} and writes them to a topic;
 * another job reads them back with {@code from_avro}, once as a batch and once as Structured
 * Streaming with a checkpoint, where a restart continues from the offsets the checkpoint recorded;
 * and a plain {@code KafkaConsumer} decodes the same bytes with the avro library. The bytes are
 * plain Avro binary: the writer's schema is not in the message, so producer and consumer must agree
 * on it ({@link AvroRegistryFramingExample} frames messages the way schema registries do, {@link
 * AvroSingleObjectExample} the way Avro's single-object encoding does).
 *
 * <p>Where the offsets live: Spark's Kafka source keeps them in the checkpoint ({@code
 * offsets/<batch>} holds each partition's end offset) and commits nothing to Kafka. Its consumers
 * run with {@code enable.auto.commit=false} and never call {@code commitSync}, so Kafka's own
 * consumer-group tools show no progress for a Spark query; the plain consumer here commits its
 * position, and {@link #committedOffsets} shows the difference.
 *
 * <p>What a restart replays: before a micro-batch runs, the query writes the batch's end offsets to
 * {@code offsets/<batch>}; after the sink has taken the batch, it writes {@code commits/<batch>}. A
 * query stopped or crashed between the two runs that batch again from the same offsets when it
 * restarts, so records are read twice. The file sink keeps the output exactly-once all the same: it
 * lists the files of each finished batch in {@code _spark_metadata} and ignores a batch it has
 * already logged, and Spark's readers of the sink directory read the files that log lists. The
 * lesson stops a run while one of its two tasks has written its file and the other is held, and the
 * restart's sink holds every record once.
 *
 * <p>On Spark 4.1.1 that restart does not end cleanly: the Kafka source runs the replayed batch,
 * the sink takes it and {@code commits/<batch>} is written, and then the query fails while it
 * reports its progress, with a {@code NullPointerException} in {@code
 * KafkaMicroBatchStream.metrics} (SPARK-55271: the source's latest offsets are read only when a new
 * batch is planned, never for a replayed one). The batch is committed, so starting the query once
 * more carries on; the lesson shows both runs. (A stopped or failed batch deletes the files its
 * tasks wrote; a driver that dies cannot, and a reader that lists the directory itself, rather than
 * through {@code _spark_metadata}, then sees them.)
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.avro.KafkaAvroExample
 * formats-avro/target/formats-avro.jar <bootstrap-servers> <output-dir>}; the output directory may
 * be a local path or on HDFS ({@code hdfs://namenode:8020/lessons/avro}).
 */
public final class KafkaAvroExample {

  /** The message value's schema, shared by producer and consumers. */
  public static final String SCHEMA =
      """
      {"type": "record", "name": "Order", "namespace": "dev.sparksuite.orders", "fields": [
        {"name": "id", "type": "long"}, {"name": "country", "type": "string"}, {"name": "amount", "type": "double"}]}""";

  /** The start of the streaming query's consumer group ids. */
  public static final String STREAM_GROUP_PREFIX = "spark-suite-orders";

  private KafkaAvroExample() {}

  public static void main(String[] args) {
    if (args.length != 2 || args[0].startsWith("-")) {
      System.err.println(
          "usage: spark-submit --class "
              + KafkaAvroExample.class.getName()
              + " formats-avro/target/formats-avro.jar <bootstrap-servers> <output-dir>");
      System.exit(2);
    }
    String bootstrap = args[0];
    // The output directory is checked like every lesson's, before Spark starts.
    int exit =
        Lesson.run(
            Lesson.ALONE,
            new String[] {args[1]},
            KafkaAvroExample.class,
            (spark, output) -> {
              String topic = "orders-" + UUID.randomUUID();
              Path checkpoint = new Path(output, "checkpoint");
              Path sink = new Path(output, "orders-from-stream");
              FileSystem fs = Lesson.fileSystem(spark, output);
              System.out.printf(
                  "setup: topic %s on %s; values are to_avro records of %s; 100 records sent, a streaming "
                      + "run, 50 more, a second run from the same checkpoint, 40 more, a third run stopped "
                      + "in its batch, a fourth and a fifth%n",
                  topic, bootstrap, SCHEMA.replaceAll("\\s+", " "));
              System.out.println(
                  "sent:                    " + produce(spark, bootstrap, topic, 0, 100));
              System.out.println(
                  "batch read:              " + readBatch(spark, bootstrap, topic).size());
              System.out.println(
                  "stream run 1, sink rows: "
                      + streamOnce(spark, bootstrap, topic, checkpoint, sink));
              System.out.println(
                  "sent:                    " + produce(spark, bootstrap, topic, 100, 50));
              System.out.println(
                  "stream run 2, sink rows: "
                      + streamOnce(spark, bootstrap, topic, checkpoint, sink));
              System.out.println(
                  "sent:                    " + produce(spark, bootstrap, topic, 150, 40));
              Interrupted stopped =
                  stopMidBatch(spark, bootstrap, topic, checkpoint, sink, HELD_ID);
              System.out.printf(
                  "stream run 3, stopped:   offsets logged for batches %s, commits for %s; sink rows %d; "
                      + "Parquet files %d in the directory, %d in _spark_metadata%n",
                  stopped.offsetsLogged(),
                  stopped.commitsLogged(),
                  stopped.sinkRows(),
                  stopped.filesInDirectory(),
                  stopped.filesInMetadata());
              Replayed replayed = replay(spark, bootstrap, topic, checkpoint, sink);
              System.out.printf(
                  "stream run 4:            commits for %s, sink rows %d; then it failed: %s%n",
                  replayed.commitsLogged(), replayed.sinkRows(), replayed.failure());
              System.out.printf(
                  "stream run 5, sink rows: %d (%d distinct ids)%n",
                  streamOnce(spark, bootstrap, topic, checkpoint, sink), distinctIds(spark, sink));
              System.out.println(
                  "native consumer decoded: "
                      + consumeNatively(bootstrap, topic, 190, Duration.ofSeconds(60)).size());
              System.out.println("checkpoint offsets:      " + checkpointOffsets(fs, checkpoint));
              System.out.println("committed to Kafka:      " + committedOffsets(bootstrap, topic));
              System.out.println(
                  "what this shows: the restarted stream reads only the 50 new records because its "
                      + "offsets live in the checkpoint, not in Kafka; a batch logged in offsets/ but not in "
                      + "commits/ runs again, and the file sink keeps each record once (on Spark 4.1.1 that "
                      + "restart fails after committing, SPARK-55271, and the next one carries on); a plain "
                      + "consumer decodes the same Avro values");
            });
    if (exit != 0) {
      System.exit(exit);
    }
  }

  /** Sends orders with ids [from, from + count) to the topic; returns how many were sent. */
  public static long produce(
      SparkSession spark, String bootstrap, String topic, long from, long count) {
    Dataset<Row> orders =
        spark
            .range(from, from + count, 1, 2)
            .selectExpr(
                "id",
                "element_at(array('DE', 'FR', 'NL'), CAST(id % 3 AS INT) + 1) AS country",
                "CAST(id % 100 + 1 AS DOUBLE) AS amount");
    orders
        .select(
            col("id").cast("string").as("key"),
            to_avro(struct(col("id"), col("country"), col("amount")), SCHEMA).as("value"))
        .write()
        .format("kafka")
        .option("kafka.bootstrap.servers", bootstrap)
        .option("topic", topic)
        .save();
    return count;
  }

  /** Everything in the topic now, decoded: a bounded batch read from the earliest offsets. */
  public static List<Row> readBatch(SparkSession spark, String bootstrap, String topic) {
    return decode(
            spark
                .read()
                .format("kafka")
                .option("kafka.bootstrap.servers", bootstrap)
                .option("subscribe", topic)
                .option("startingOffsets", "earliest")
                .option("endingOffsets", "latest")
                .load())
        .orderBy("id")
        .collectAsList();
  }

  /**
   * One run of a streaming query: logs the batch's end offsets in the checkpoint, reads what is new
   * since the last committed batch, appends it to a Parquet sink, logs the batch as committed, and
   * stops ({@code availableNow}). Returns the rows in the sink, read through its {@code
   * _spark_metadata}. {@code startingOffsets} applies only to a query with an empty checkpoint.
   */
  public static long streamOnce(
      SparkSession spark, String bootstrap, String topic, Path checkpoint, Path sink)
      throws TimeoutException, StreamingQueryException {
    StreamingQuery query =
        toSink(decode(kafkaStream(spark, bootstrap, topic)), checkpoint, sink).start();
    query.awaitTermination();
    return spark.read().parquet(sink.toString()).count();
  }

  /** The order {@link #stopMidBatch} holds in its task until the query is stopped. */
  public static final long HELD_ID = 170;

  /**
   * What a run stopped in the middle of its batch left: the batch ids logged, the sink's rows, and
   * its Parquet files as a listing of the directory finds them and as {@code _spark_metadata} lists
   * them.
   */
  public record Interrupted(
      List<Long> offsetsLogged,
      List<Long> commitsLogged,
      long sinkRows,
      long filesInDirectory,
      long filesInMetadata) {}

  /**
   * A run of the stream stopped in the middle of its batch: the task reading the partition that
   * holds order {@code heldId} waits at that order, and the query is stopped once the other task
   * has finished (written its file). Returns the batches logged in {@code offsets/} and {@code
   * commits/} and the sink's rows afterwards.
   */
  public static Interrupted stopMidBatch(
      SparkSession spark, String bootstrap, String topic, Path checkpoint, Path sink, long heldId)
      throws TimeoutException, IOException, InterruptedException {
    StreamingQuery query = startHeld(spark, bootstrap, topic, checkpoint, sink, heldId);
    try {
      awaitOneTaskDoneAndOneRunning(spark, query, Duration.ofMinutes(2));
    } finally {
      query.stop();
    }
    FileSystem fs = Lesson.fileSystem(spark, checkpoint);
    Dataset<Row> logged = spark.read().parquet(sink.toString());
    return new Interrupted(
        batchIds(fs, new Path(checkpoint, "offsets")),
        batchIds(fs, new Path(checkpoint, "commits")),
        logged.count(),
        DataFiles.list(fs, sink, ".parquet").size(),
        logged.inputFiles().length);
  }

  /** What the restart after {@link #stopMidBatch} did: its failure, the batches committed, rows. */
  public record Replayed(String failure, List<Long> commitsLogged, long sinkRows) {}

  /**
   * Restarts the query after {@link #stopMidBatch}: it runs the uncommitted batch again. Returns
   * how it ended ({@code "no error"}, or the root cause's class and the method that threw it), the
   * batches logged in {@code commits/} and the sink's rows.
   */
  public static Replayed replay(
      SparkSession spark, String bootstrap, String topic, Path checkpoint, Path sink)
      throws TimeoutException, IOException {
    String failure;
    try {
      streamOnce(spark, bootstrap, topic, checkpoint, sink);
      failure = "no error";
    } catch (StreamingQueryException e) {
      failure = whereItFailed(e);
    }
    return new Replayed(
        failure,
        batchIds(Lesson.fileSystem(spark, checkpoint), new Path(checkpoint, "commits")),
        spark.read().parquet(sink.toString()).count());
  }

  /** The root cause's class and the class and method at the top of its stack. */
  private static String whereItFailed(Throwable e) {
    Throwable root = Errors.rootCause(e);
    StackTraceElement[] stack = root.getStackTrace();
    String frame =
        stack.length == 0
            ? "an unknown method"
            : stack[0].getClassName().replaceAll(".*\\.", "") + "." + stack[0].getMethodName();
    return root.getClass().getSimpleName() + " in " + frame;
  }

  /**
   * Starts the stream with the task that reads order {@code heldId} waiting at that order (at most
   * two minutes, or until the query is stopped).
   */
  public static StreamingQuery startHeld(
      SparkSession spark, String bootstrap, String topic, Path checkpoint, Path sink, long heldId)
      throws TimeoutException {
    UserDefinedFunction hold =
        udf((UDF2<Long, Long, Boolean>) KafkaAvroExample::holdAt, DataTypes.BooleanType);
    return toSink(
            decode(kafkaStream(spark, bootstrap, topic)).where(hold.apply(col("id"), lit(heldId))),
            checkpoint,
            sink)
        .start();
  }

  /** Distinct order ids in the sink, read through its {@code _spark_metadata}. */
  public static long distinctIds(SparkSession spark, Path sink) {
    return spark.read().parquet(sink.toString()).select("id").distinct().count();
  }

  /**
   * Keeps every order; at {@code heldId} it waits until its task is interrupted (the query
   * stopped), at most two minutes.
   */
  private static Boolean holdAt(Long id, Long heldId) {
    if (!id.equals(heldId)) {
      return true;
    }
    try {
      Thread.sleep(Duration.ofMinutes(2).toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("stopped while holding order " + id, e);
    }
  }

  /** Waits until an active stage has a finished task and a running one. */
  public static void awaitOneTaskDoneAndOneRunning(
      SparkSession spark, StreamingQuery query, Duration timeout)
      throws TimeoutException, InterruptedException {
    JavaSparkStatusTracker tracker =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).statusTracker();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (query.exception().isDefined()) {
        throw new IllegalStateException(
            "the stream failed before it was stopped: " + query.exception().get().getMessage());
      }
      for (int stage : tracker.getActiveStageIds()) {
        SparkStageInfo info = tracker.getStageInfo(stage);
        if (info != null && info.numCompletedTasks() >= 1 && info.numActiveTasks() >= 1) {
          return;
        }
      }
      Thread.sleep(100);
    }
    throw new TimeoutException("no batch had one task done and one held within " + timeout);
  }

  /** The batch ids logged in a checkpoint's {@code offsets} or {@code commits} directory. */
  private static List<Long> batchIds(FileSystem fs, Path log) throws IOException {
    return Arrays.stream(fs.listStatus(log))
        .map(f -> f.getPath().getName())
        .filter(n -> n.matches("\\d+"))
        .map(Long::parseLong)
        .sorted()
        .toList();
  }

  private static Dataset<Row> kafkaStream(SparkSession spark, String bootstrap, String topic) {
    return spark
        .readStream()
        .format("kafka")
        .option("kafka.bootstrap.servers", bootstrap)
        .option("subscribe", topic)
        .option("startingOffsets", "earliest")
        // The prefix of the group.id Spark generates (e.g. to match prefixed ACLs); the group never
        // joins or commits, so broker-side group tools do not list it.
        .option("groupIdPrefix", STREAM_GROUP_PREFIX)
        .load();
  }

  private static DataStreamWriter<Row> toSink(Dataset<Row> orders, Path checkpoint, Path sink) {
    return orders
        .writeStream()
        .format("parquet")
        .option("path", sink.toString())
        .option("checkpointLocation", checkpoint.toString())
        .trigger(Trigger.AvailableNow());
  }

  private static Dataset<Row> decode(Dataset<Row> kafka) {
    return kafka
        .select(from_avro(col("value"), SCHEMA, Map.of("mode", "FAILFAST")).as("order"))
        .select("order.id", "order.country", "order.amount");
  }

  /**
   * A plain Kafka consumer and the avro library: the same bytes, no Spark. Unlike Spark, it commits
   * its position to its consumer group.
   */
  public static List<GenericRecord> consumeNatively(
      String bootstrap, String topic, int expected, Duration timeout) {
    Schema schema = new Schema.Parser().parse(SCHEMA);
    GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(schema);
    List<GenericRecord> records = new ArrayList<>();
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG,
            "native-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            "false",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class.getName(),
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class.getName());
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      while (records.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> message : consumer.poll(Duration.ofMillis(500))) {
          records.add(reader.read(null, DecoderFactory.get().binaryDecoder(message.value(), null)));
        }
      }
      consumer.commitSync();
    } catch (IOException e) {
      throw new UncheckedIOException("a message is not Avro of the agreed schema", e);
    }
    return records;
  }

  /**
   * Offsets committed to Kafka for the topic, by consumer group: the sum over its partitions of
   * each group's committed offset. Groups with nothing committed for the topic are left out.
   */
  public static Map<String, Long> committedOffsets(String bootstrap, String topic)
      throws ExecutionException, InterruptedException {
    Map<String, Long> committed = new TreeMap<>();
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
        long sum =
            admin
                .listConsumerGroupOffsets(group.groupId())
                .partitionsToOffsetAndMetadata()
                .get()
                .entrySet()
                .stream()
                .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset())
                .sum();
        if (sum > 0) {
          committed.put(group.groupId(), sum);
        }
      }
    }
    return committed;
  }

  /**
   * The offsets the streaming query recorded: the last file of the checkpoint's {@code offsets} log
   * ends with a JSON line of the next offset to read per partition, {@code
   * {"<topic>":{"0":72,"1":78}}} (two partitions: the test broker creates topics with {@code
   * num.partitions=2}). Their sum is the number of records the query has read only for a topic read
   * from offset 0 with every offset a record: compaction, retention and transaction markers leave
   * offsets with no record behind them.
   */
  public static long checkpointOffsets(FileSystem fs, Path checkpoint) throws IOException {
    Path offsets = new Path(checkpoint, "offsets");
    List<Long> batches = batchIds(fs, offsets);
    if (batches.isEmpty()) {
      throw new IOException("no offsets in " + checkpoint);
    }
    Path last = new Path(offsets, Long.toString(batches.get(batches.size() - 1)));
    List<String> lines;
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(fs.open(last), StandardCharsets.UTF_8))) {
      lines = in.lines().toList();
    }
    Matcher partition = Pattern.compile("\"\\d+\":(\\d+)").matcher(lines.get(lines.size() - 1));
    long sum = 0;
    while (partition.find()) {
      sum += Long.parseLong(partition.group(1));
    }
    return sum;
  }
}
