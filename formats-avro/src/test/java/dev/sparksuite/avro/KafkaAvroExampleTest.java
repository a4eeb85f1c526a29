package dev.sparksuite.avro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.lessonkit.Lesson;
import dev.sparksuite.testkit.ChildJvm;
import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link KafkaAvroExample} against a real KRaft broker on loopback. */
class KafkaAvroExampleTest extends SparkTestBase {

  private static KafkaBroker broker;

  @TempDir Path dir;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = new KafkaBroker();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void ordersRoundTripThroughKafkaAndTheStreamKeepsItsOffsetsInTheCheckpointNotInKafka()
      throws Exception {
    String bootstrap = broker.bootstrapServers();
    String topic = "orders-" + UUID.randomUUID();
    org.apache.hadoop.fs.Path checkpoint = hadoopPath(dir.resolve("checkpoint"));
    org.apache.hadoop.fs.Path sink = hadoopPath(dir.resolve("sink"));
    FileSystem fs = Lesson.fileSystem(spark, checkpoint);

    long sent = KafkaAvroExample.produce(spark, bootstrap, topic, 0, 100);
    List<Row> batch = KafkaAvroExample.readBatch(spark, bootstrap, topic);
    long afterFirstRun = KafkaAvroExample.streamOnce(spark, bootstrap, topic, checkpoint, sink);
    long checkpointAfterFirstRun = KafkaAvroExample.checkpointOffsets(fs, checkpoint);
    sent += KafkaAvroExample.produce(spark, bootstrap, topic, 100, 50);
    long afterRestart = KafkaAvroExample.streamOnce(spark, bootstrap, topic, checkpoint, sink);
    long checkpointAfterRestart = KafkaAvroExample.checkpointOffsets(fs, checkpoint);
    sent += KafkaAvroExample.produce(spark, bootstrap, topic, 150, 40);
    var stopped =
        KafkaAvroExample.stopMidBatch(
            spark, bootstrap, topic, checkpoint, sink, KafkaAvroExample.HELD_ID);
    var replayed = KafkaAvroExample.replay(spark, bootstrap, topic, checkpoint, sink);
    long afterReplay = KafkaAvroExample.streamOnce(spark, bootstrap, topic, checkpoint, sink);
    Map<String, Long> committedBeforeNativeConsumer =
        KafkaAvroExample.committedOffsets(bootstrap, topic);
    List<GenericRecord> nativeRecords =
        KafkaAvroExample.consumeNatively(bootstrap, topic, 190, Duration.ofSeconds(60));
    Map<String, Long> committed = KafkaAvroExample.committedOffsets(bootstrap, topic);

    assertThat(sent).isEqualTo(190);
    assertThat(batch).hasSize(100);
    assertThat(batch.get(7)).isEqualTo(RowFactory.create(7L, "FR", 8.0));
    assertThat(afterFirstRun).isEqualTo(100);
    assertThat(afterRestart).as("the restart read only the 50 new records").isEqualTo(150);
    assertThat(stopped.offsetsLogged())
        .as("the stopped batch's offsets were logged before it ran")
        .containsExactly(0L, 1L, 2L);
    assertThat(stopped.commitsLogged()).as("but it never committed").containsExactly(0L, 1L);
    assertThat(stopped.sinkRows()).as("nothing of the stopped batch is read").isEqualTo(150);
    assertThat(stopped.filesInDirectory())
        .as("the stopped batch deleted the file its finished task wrote")
        .isEqualTo(stopped.filesInMetadata());
    assertThat(replayed.commitsLogged())
        .as("the restart ran batch 2 again and committed it")
        .containsExactly(0L, 1L, 2L);
    assertThat(replayed.sinkRows()).isEqualTo(190);
    assertThat(replayed.failure())
        .as("Spark 4.1.1's Kafka source fails reporting a replayed batch's progress (SPARK-55271)")
        .isEqualTo("NullPointerException in KafkaMicroBatchStream$.metrics");
    assertThat(afterReplay).as("the next run carries on").isEqualTo(190);
    assertThat(KafkaAvroExample.distinctIds(spark, sink)).as("no record twice").isEqualTo(190);
    assertThat(nativeRecords)
        .extracting(r -> (Long) r.get("id"))
        .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 190).boxed().toList());

    assertThat(checkpointAfterFirstRun)
        .as("the checkpoint's end offsets, summed over partitions")
        .isEqualTo(100);
    assertThat(checkpointAfterRestart).isEqualTo(150);
    assertThat(KafkaAvroExample.checkpointOffsets(fs, checkpoint)).isEqualTo(190);
    assertThat(committedBeforeNativeConsumer)
        .as("the streaming query committed no offset to Kafka")
        .isEmpty();
    assertThat(committed)
        .as("only the plain consumer's group has committed offsets")
        .hasSize(1)
        .allSatisfy(
            (group, offsets) -> {
              assertThat(group).startsWith("native-");
              assertThat(offsets).isEqualTo(190);
            });
  }

  /**
   * A driver killed while one task of its batch has written its file: the file stays, no log lists
   * it, so Spark's readers of the sink skip it and a reader that lists the directory does not.
   */
  @Test
  void aDriverKilledInItsBatchLeavesAFileThatOnlyADirectoryListingReads() throws Exception {
    String bootstrap = broker.bootstrapServers();
    String topic = "orders-" + UUID.randomUUID();
    org.apache.hadoop.fs.Path checkpoint = hadoopPath(dir.resolve("checkpoint"));
    org.apache.hadoop.fs.Path sink = hadoopPath(dir.resolve("sink"));
    KafkaAvroExample.produce(spark, bootstrap, topic, 0, 100);
    KafkaAvroExample.streamOnce(spark, bootstrap, topic, checkpoint, sink);
    KafkaAvroExample.produce(spark, bootstrap, topic, 100, 40);

    Path holding = dir.resolve("holding");
    Path log = dir.resolve("killed-driver.log");
    Process driver =
        ChildJvm.start(
            KafkaStreamKilledInItsBatch.class,
            List.of("-Xmx768m"),
            log,
            bootstrap,
            topic,
            checkpoint.toString(),
            sink.toString(),
            "120",
            holding.toString(),
            Files.createDirectories(dir.resolve("scratch")).toString());
    try {
      ChildJvm.awaitFile(driver, holding, log, Duration.ofMinutes(3));
    } finally {
      driver.destroyForcibly().waitFor();
    }

    assertThat(spark.read().parquet(sink.toString()).count())
        .as("through _spark_metadata: batch 0 only")
        .isEqualTo(100);
    assertThat(listedRows(sink))
        .as("a listing of the directory also reads the killed batch's finished file")
        .isGreaterThan(100);

    KafkaAvroExample.replay(spark, bootstrap, topic, checkpoint, sink);
    assertThat(KafkaAvroExample.streamOnce(spark, bootstrap, topic, checkpoint, sink))
        .isEqualTo(140);
    assertThat(KafkaAvroExample.distinctIds(spark, sink)).isEqualTo(140);
    assertThat(listedRows(sink))
        .as("the orphaned file stays: a listing counts its orders twice")
        .isGreaterThan(140);
  }

  /**
   * The sink's rows as a reader sees them that lists its Parquet files, skipping unfinished ones.
   */
  private static long listedRows(org.apache.hadoop.fs.Path sink) {
    return spark
        .read()
        .schema(spark.read().parquet(sink.toString()).schema())
        .option("ignoreCorruptFiles", "true")
        .parquet(sink + "/*.parquet")
        .count();
  }
}
