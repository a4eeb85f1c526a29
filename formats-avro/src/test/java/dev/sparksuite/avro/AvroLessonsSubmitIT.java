package dev.sparksuite.avro;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparksuite.testkit.Command.Result;
import dev.sparksuite.testkit.SparkSubmit;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Avro lesson and the inspector, run from the shaded jar with the real spark-submit. */
class AvroLessonsSubmitIT {

  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "AvroWriteReadExample     | rows written 1000, read 1000, equal: true",
      "AvroSchemaExample        | record in the file: dev.sparksuite.payments.Payment",
      "SchemaEvolutionExample   | v1 -> broken v2: INCOMPATIBLE: [READER_FIELD_MISSING_DEFAULT_VALUE region]",
      "AvroCodecsExample        | [zstandard]",
      "AvroBinaryColumnsExample | FAILFAST fails with: Malformed records are detected in record parsing",
      "NativeAvroExample        | Spark write, specific read:   [{\"id\": 0, \"country\": \"DE\"",
      "AvroTypesExample         | records the avro library wrote and read back equal: true",
      "AvroRegistryFramingExample | prefix stripped:         [[42,0,DE,1.0], [42,1,FR,2.0], [42,2,NL,3.0]]",
      "AvroSingleObjectExample  | read as v2:            {\"id\": 7, \"country\": \"Germany\", \"channel\": \"web\"}",
  })
  void lessonRunsFromTheShadedJar(String lesson, String expected) throws Exception {
    Result run = submit("dev.sparksuite.avro." + lesson, List.of(dir.resolve("out").toString()));

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout()).as(run.describe()).contains(expected);
  }

  /** Without ANSI mode the country column is nullable; the explicit writer schema keeps the bytes right. */

  @ParameterizedTest(name = "{0}")
  @MethodSource("lessonsWithOneArgument")
  void aFileGivenAsTheOutputDirectoryIsOneLineAndExitCodeTwo(String lesson) throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    Result run = SparkSubmit.runLesson(lesson, List.of(file.toString()), TIMEOUT);

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
    assertThat(run.stderrLines()).as(run.describe())
        .contains(lesson.substring(lesson.lastIndexOf('.') + 1) + ": output directory " + file + " is a file, not a directory");
    assertThat(run.stderr()).as("checked before Spark starts: no stack trace").doesNotContain("\tat ");
  }
  @Test
  void theBinaryColumnsLessonDecodesTheSameWithAnsiModeOff() throws Exception {
    Result run = SparkSubmit.runLocal(SparkSubmit.jar(), "dev.sparksuite.avro.AvroBinaryColumnsExample",
        List.of(dir.resolve("out").toString()), TIMEOUT, "spark.sql.shuffle.partitions=4", "spark.sql.ansi.enabled=false");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout()).as(run.describe())
        .contains("payloads:            [00044445, 02044652, 04044445]")
        .contains("decoded:             [[0,DE], [1,FR], [2,DE]]");
  }

  /** The Kafka connector and kafka-clients travel in the jar; the broker runs in this JVM. */
  @Test
  void theKafkaLessonRunsFromTheShadedJarAgainstARealBroker() throws Exception {
    try (KafkaBroker broker = new KafkaBroker()) {
      Result run = submit("dev.sparksuite.avro.KafkaAvroExample",
          List.of(broker.bootstrapServers(), dir.resolve("out").toString()));

      assertThat(run.exitCode()).as(run.describe()).isZero();
      assertThat(run.stdout()).as(run.describe())
          .contains("stream run 1, sink rows: 100")
          .contains("stream run 2, sink rows: 150")
          .contains("native consumer decoded: 150")
          .contains("checkpoint offsets:      150")
          .containsPattern("committed to Kafka: +\\{native-[0-9a-f-]+=150}");
    }
  }

  @Test
  void theInspectorRunsFromTheJarAndNamesABadFile() throws Exception {
    Path notAvro = Files.writeString(dir.resolve("bad.avro"), "not avro at all");
    Result run = submit("dev.sparksuite.avro.AvroInspect", List.of(notAvro.toString()));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderrLines()).anySatisfy(line ->
        assertThat(line).startsWith("avro-inspect: " + notAvro + ": not an Avro data file"));
    assertThat(run.stderr()).doesNotContain("\tat ");
  }

  /** A directory as Spark leaves one (data files, {@code _SUCCESS}, {@code .crc}), verified and as JSON, from the jar. */
  @Test
  void theInspectorVerifiesADirectoryAndPrintsJsonFromTheJar() throws Exception {
    Path table = Files.createDirectories(dir.resolve("table"));
    writeAvro(table.resolve("part-00000"), 100);
    writeAvro(table.resolve("part-00001"), 50);
    Files.createFile(table.resolve("_SUCCESS"));
    long bytes = Files.size(table.resolve("part-00000")) + Files.size(table.resolve("part-00001"));

    Result verify = submit("dev.sparksuite.avro.AvroInspect", List.of("--verify", table.toString()));

    assertThat(verify.exitCode()).as(verify.describe()).isZero();
    assertThat(verify.stdout()).as(verify.describe()).contains("verified:    100 rows decoded")
        .contains("verified:    50 rows decoded")
        .contains(String.format("total:       2 file(s), 150 rows, %,d bytes", bytes));
    assertThat(verify.stderr()).doesNotContain("\tat ");

    Result json = submit("dev.sparksuite.avro.AvroInspect", List.of("--json", table.toUri().toString()));

    assertThat(json.exitCode()).as(json.describe()).isZero();
    List<JsonNode> documents = new ArrayList<>();
    for (String line : json.stdout().lines().filter(l -> l.startsWith("{")).toList()) {
      documents.add(new ObjectMapper().readTree(line));
    }
    assertThat(documents).extracting(d -> d.get("rows").asLong()).containsExactly(100L, 50L);
    assertThat(documents).extracting(d -> d.get("format").asText()).containsOnly("avro");
    assertThat(documents.get(0).get("file").asText()).isEqualTo(table.toUri().toString().replace("file:///", "file:/")
        + "part-00000");
  }

  @Test
  void theShadedJarCarriesSparkAvroAndTheKafkaConnectorButNotWhatSparkShips() throws IOException {
    try (JarFile jar = new JarFile(SparkSubmit.jar().toFile())) {
      List<String> classes = jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class")).toList();
      assertThat(classes).anyMatch(n -> n.startsWith("dev/sparksuite/avro/"))
          .anyMatch(n -> n.startsWith("org/apache/spark/sql/v2/avro/AvroDataSourceV2"))
          .anyMatch(n -> n.startsWith("org/apache/spark/sql/kafka010/KafkaSourceProvider"))
          .anyMatch(n -> n.startsWith("org/apache/kafka/clients/consumer/KafkaConsumer"))
          .noneMatch(n -> n.startsWith("org/apache/avro/") || n.startsWith("org/apache/hadoop/")
              || n.startsWith("scala/") || n.startsWith("org/apache/spark/sql/classic/"));
    }
  }

  /** Records of {id} through the avro library, into Hadoop's local file system (which adds the .crc). */
  private static void writeAvro(Path file, int rows) throws IOException {
    Schema schema = SchemaBuilder.record("Row").fields().requiredLong("id").endRecord();
    try (OutputStream out = FileSystem.getLocal(new Configuration()).create(new org.apache.hadoop.fs.Path(file.toUri()));
         DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema))) {
      writer.create(schema, out);
      for (long id = 0; id < rows; id++) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("id", id);
        writer.append(record);
      }
    }
  }

  private static Result submit(String mainClass, List<String> args) throws Exception {
    return SparkSubmit.runLesson(mainClass, args, TIMEOUT);
  }

  /** Every lesson but the Kafka one, which takes the broker first. */
  static List<String> lessonsWithOneArgument() throws IOException {
    return SparkSubmit.lessonClasses().stream().filter(c -> !c.endsWith(".KafkaAvroExample")).toList();
  }

  @Test
  void theKafkaLessonChecksItsOutputDirectoryToo() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    Result run = SparkSubmit.runLesson("dev.sparksuite.avro.KafkaAvroExample", List.of("127.0.0.1:9", file.toString()),
        TIMEOUT);

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
    assertThat(run.stderrLines()).contains("KafkaAvroExample: output directory " + file + " is a file, not a directory");
  }
}
