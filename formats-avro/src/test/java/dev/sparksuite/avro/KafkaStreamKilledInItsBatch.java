package dev.sparksuite.avro;

import java.nio.file.Files;
import java.time.Duration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * A driver to be killed in the middle of a batch: it runs the lesson's stream with one order held,
 * creates the holding file once one task of the batch has written its file and the other is held,
 * and waits. Arguments: bootstrap servers, topic, checkpoint, sink, the order to hold, the holding
 * file, and a scratch directory for Spark.
 */
public final class KafkaStreamKilledInItsBatch {

  private KafkaStreamKilledInItsBatch() {}

  public static void main(String[] args) throws Exception {
    SparkSession spark =
        SparkSession.builder()
            .appName("killed-driver")
            .master("local[2]")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.local.dir", args[6])
            .getOrCreate();
    StreamingQuery query =
        KafkaAvroExample.startHeld(
            spark, args[0], args[1], new Path(args[2]), new Path(args[3]), Long.parseLong(args[4]));
    KafkaAvroExample.awaitOneTaskDoneAndOneRunning(spark, query, Duration.ofMinutes(2));
    Files.createFile(java.nio.file.Path.of(args[5]));
    query.awaitTermination();
  }
}
