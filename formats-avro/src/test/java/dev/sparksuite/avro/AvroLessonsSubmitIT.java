package dev.sparksuite.avro;

import static dev.sparksuite.testkit.SparkTestBase.hadoopPath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.lessonkit.JarIndex;
import dev.sparksuite.testkit.Command.Result;
import dev.sparksuite.testkit.FormatJarTests;
import dev.sparksuite.testkit.SparkSubmit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/** Every Avro lesson and the inspector, run from the shaded jar with the real spark-submit. */
class AvroLessonsSubmitIT extends FormatJarTests {

  /** Lessons that encode and decode in memory: they take an output directory and write nothing. */
  private static final Set<String> IN_MEMORY =
      Set.of("AvroBinaryColumnsExample", "AvroRegistryFramingExample", "AvroSingleObjectExample");

  @Override
  protected JarIndex index() {
    return AvroDriver.INDEX;
  }

  /** Spark reads a file with a broken reader schema: its executor logs the failed task's trace. */
  @Override
  protected boolean logsAStackTraceOnPurpose(String lesson) {
    return lesson.equals("SchemaEvolutionExample");
  }

  @Override
  protected String pkg() {
    return "dev.sparksuite.avro";
  }

  @Override
  protected String inspector() {
    return "AvroInspect";
  }

  @Override
  protected String notThisFormat() {
    return "not an Avro data file";
  }

  @Override
  protected String roundTripLesson() {
    return "AvroWriteReadExample";
  }

  @Override
  protected boolean keepsItsBytesInMemory(String lesson) {
    return IN_MEMORY.contains(lesson);
  }

  /**
   * Each lesson's one-line summary and the numbers its output names, as the lesson's test proves
   * them.
   */
  static Stream<Arguments> lessons() {
    return Stream.of(
        Arguments.of(
            "AvroWriteReadExample",
            List.of(
                "setup: 1,000 orders in 2 partitions written with format(\"avro\"): 2 files, 2 Avro"
                    + " blocks,",
                "read schema (from header): struct<id:bigint,country:string,amount:double,note:string>",
                "rows written 1000, read 1000, equal: true",
                "what this shows: an Avro file carries its writer's schema in its header")),
        Arguments.of(
            "AvroSchemaExample",
            List.of(
                "setup: 3 payments",
                "record in the file: dev.sparksuite.payments.Payment",
                "Spark reads it as:  struct<id:bigint,price:decimal(10,2),booked_on:date,paid_at:timestamp,reference:string>",
                "  [1,1.25,2026-01-02,2026-01-01 00:00:01.0,null]",
                "what this shows: avroSchema sets the record name")),
        Arguments.of(
            "SchemaEvolutionExample",
            List.of(
                "setup: 2 customers written with schema v1",
                "v1 file's fields:              [id, name, fax]",
                "v1 file read by Spark with v2: struct<id:bigint,full_name:string,tier:string>",
                "  [1,customer 1,standard]",
                "v1 -> broken v2, SchemaCompatibility: INCOMPATIBLE: [READER_FIELD_MISSING_DEFAULT_VALUE region]",
                "v1 -> broken v2, Spark reads:        AvroTypeException",
                "missing required field region",
                "v1 -> broken v2, Spark, no records: 0 rows, no error",
                "what this shows: the reader's schema decides the columns")),
        Arguments.of(
            "AvroCodecsExample",
            List.of(
                "setup: 200,000 orders",
                "[null]",
                "[deflate]",
                "[snappy]",
                "[zstandard]",
                "200,000",
                "what this shows: the codec is recorded per file in the header")),
        Arguments.of(
            "AvroBinaryColumnsExample",
            List.of(
                "setup: 3 orders (id, country) encoded with to_avro",
                "payloads:            [00044445, 02044652, 04044445]",
                "decoded:             [[0,DE], [1,FR], [2,DE]]",
                "PERMISSIVE:          [[0,false,0,DE], [1,false,1,FR], [2,false,2,DE], [3,false,null,null]]",
                "order IS NULL in 0 rows",
                "dead letters:        [[3,FF]]",
                "FAILFAST fails with: Malformed records are detected in record parsing",
                "no mode fails with:  Malformed records are detected in record parsing",
                "what this shows: to_avro writes a bare record with no schema in it")),
        Arguments.of(
            "NativeAvroExample",
            List.of(
                "setup: 3 Order records",
                "codec deflate",
                "Spark write, specific read:   [{\"id\": 0, \"country\": \"DE\"",
                "what this shows: a file from the avro library reads in Spark")),
        Arguments.of(
            "AvroTypesExample",
            List.of(
                "setup: 4 shipments",
                "local_millis  -> timestamp_ntz",
                "value         -> struct<member0:int,member1:string,member2:double>",
                "union with stable identifiers: struct<member_int:int,member_string:string,member_double:double>",
                "records the avro library wrote and read back equal: true",
                "what this shows: each Avro logical and complex type has a Spark type")),
        Arguments.of(
            "AvroRegistryFramingExample",
            List.of(
                "setup: 3 orders framed as a schema registry does",
                "[000000002A, 000000002A, 000000002A]",
                "prefix stripped:         [[42,0,DE,1.0], [42,1,FR,2.0], [42,2,NL,3.0]]",
                "whole value to from_avro (id, country, amount): [[0,,",
                "record + 2 more bytes (id, country, amount):    [[0,DE,1.0], [1,FR,2.0], [2,NL,3.0]]",
                "what this shows: from_avro needs the 5-byte prefix stripped")),
        Arguments.of(
            "AvroReaderSchemaExample",
            List.of(
                "setup: 3 orders written with schema v1 (id 1) and 3 with v2",
                "  [1,0,DE,1.0,web]",
                "  [2,5,NL,6.0,app]",
                "the same in a stream, through foreachBatch: [[1,0,DE,1.0,web], [1,1,FR,2.0,web], "
                    + "[1,2,NL,3.0,web], [2,3,DE,4.0,app], [2,4,FR,5.0,app], [2,5,NL,6.0,app]]",
                "what this shows: from_avro's avroSchema option resolves every writer version")),
        Arguments.of(
            "AvroSingleObjectExample",
            List.of(
                "setup: one order encoded with BinaryMessageEncoder",
                "fingerprint in header: 5939e478a59c3376, of v1: 5939e478a59c3376",
                "read as v2:            {\"id\": 7, \"country\": \"Germany\", \"channel\": \"web\"}",
                "unknown fingerprint:   MissingSchemaException",
                "registry-framed:       BadHeaderException",
                "what this shows: single-object encoding puts C3 01")),
        Arguments.of(
            "AvroCompatibilityExample",
            List.of(
                "setup: 6 schema changes",
                "  backward (new schema reads old data): SchemaCompatibility COMPATIBLE, read gives {n=7 (Long)}",
                "  forward  (old schema reads new data): SchemaCompatibility INCOMPATIBLE, read fails: "
                    + "AvroTypeException: Found long, expecting int",
                "{id=1 (Integer), unit=\"celsius\" (string)}",
                "missing required field sensor",
                "verdicts that agree with the read: 12 of 12",
                "what this shows: promotions (int to long, float to double) and a dropped field are backward only")));
  }

  /** The Kafka connector and kafka-clients travel in the jar; the broker runs in this JVM. */
  @Test
  void theKafkaLessonRunsFromTheShadedJarAgainstARealBroker() throws Exception {
    try (KafkaBroker broker = new KafkaBroker()) {
      Result run =
          submit(
              "dev.sparksuite.avro.KafkaAvroExample",
              List.of(broker.bootstrapServers(), hdfsOutput("KafkaAvroExample")));

      assertThat(run.exitCode()).as(run.describe()).isZero();
      assertThat(run.stdout())
          .as(run.describe())
          .contains("stream run 1, sink rows: 100")
          .contains("stream run 2, sink rows: 150")
          .contains(
              "stream run 3, stopped:   offsets logged for batches [0, 1, 2], commits for [0, 1]; "
                  + "sink rows 150")
          .contains(
              "stream run 4:            commits for [0, 1, 2], sink rows 190; then it failed: "
                  + "NullPointerException in KafkaMicroBatchStream$.metrics")
          .contains("stream run 5, sink rows: 190 (190 distinct ids)")
          .contains("native consumer decoded: 190")
          .contains("checkpoint offsets:      190")
          .containsPattern("committed to Kafka: +\\{native-[0-9a-f-]+=190}")
          .contains("what this shows: the restarted stream reads only the 50 new records");
      assertThat(filesOnHdfs(hdfsOutput("KafkaAvroExample")))
          .as("the sink's files and the stream's checkpoint, on HDFS")
          .isNotEmpty();
    }
  }

  @Test
  void theShadedJarCarriesSparkAvroAndTheKafkaConnectorButNotWhatSparkShips() throws IOException {
    try (JarFile jar = new JarFile(SparkSubmit.jar().toFile())) {
      List<String> classes =
          jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class")).toList();
      assertThat(classes)
          .anyMatch(n -> n.startsWith("dev/sparksuite/avro/"))
          .anyMatch(n -> n.startsWith("org/apache/spark/sql/v2/avro/AvroDataSourceV2"))
          .anyMatch(n -> n.startsWith("org/apache/spark/sql/kafka010/KafkaSourceProvider"))
          .anyMatch(n -> n.startsWith("org/apache/kafka/clients/consumer/KafkaConsumer"))
          .noneMatch(
              n ->
                  n.startsWith("org/apache/avro/")
                      || n.startsWith("org/apache/hadoop/")
                      || n.startsWith("scala/")
                      || n.startsWith("org/apache/spark/sql/classic/"));
    }
  }

  /**
   * The native lesson's orders, written by its avro writer; Hadoop's local file system adds the
   * .crc.
   */
  @Override
  protected void writeDataFile(Path file, int rows) throws IOException {
    NativeAvroExample.writeGeneric(
        FileSystem.getLocal(new Configuration()), hadoopPath(file), NativeAvroExample.orders(rows));
  }

  private static Result submit(String mainClass, List<String> args) throws Exception {
    return SparkSubmit.runLesson(mainClass, args, TIMEOUT);
  }

  /**
   * Every lesson but the Kafka one, which takes the brokers first: {@link
   * #theKafkaLessonChecksItsOutputDirectoryToo} covers it.
   */
  protected static List<String> lessonsTakingOnlyAnOutputDirectory() throws IOException {
    return SparkSubmit.lessonClasses().stream()
        .filter(c -> !c.endsWith(".KafkaAvroExample"))
        .toList();
  }

  @Test
  void theKafkaLessonChecksItsOutputDirectoryToo() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    Result run =
        SparkSubmit.runLesson(
            "dev.sparksuite.avro.KafkaAvroExample",
            List.of("127.0.0.1:9", file.toString()),
            TIMEOUT);

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
    assertThat(run.stderrLines())
        .contains("KafkaAvroExample: output directory " + file + " is a file, not a directory");
  }
}
