package dev.sparksuite.avro;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparksuite.testkit.ClusterTier;
import dev.sparksuite.testkit.Command;
import dev.sparksuite.testkit.Command.Result;
import dev.sparksuite.testkit.InspectorTestBase;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AvroInspect on files from Spark, from the Java library, from avsc (JavaScript), on directories,
 * with --verify, --head and --json, and on every way a file can be bad.
 */
class AvroInspectTest extends InspectorTestBase {

  private static final Schema SCHEMA =
      new Schema.Parser()
          .parse(
              """
      {"type": "record", "name": "Reading", "namespace": "test.sensors", "fields": [
        {"name": "id", "type": "long"}, {"name": "sensor", "type": "string"},
        {"name": "value", "type": ["null", "double"]}]}""");

  @TempDir Path dir;

  @Test
  void aSparkFileShowsSchemaCodecAndEveryBlock() throws Exception {
    Path table = dir.resolve("spark");
    AvroSampleData.orders(spark, 20_000, 1)
        .write()
        .format("avro")
        .option("compression", "deflate")
        .save(table.toString());
    Path file = avroFiles(table).get(0);

    AvroFileReport report = report(file);
    assertThat(report.codec()).isEqualTo("deflate");
    assertThat(report.rows()).isEqualTo(20_000);
    assertThat(report.blocks())
        .extracting(AvroBlocks.Block::rows)
        .as("the container's own block headers")
        .isEqualTo(blockCountsByAvro(file));
    assertThat(report.blocks().size())
        .as("Spark's writer starts a block about every 64 KB")
        .isGreaterThan(1);
    assertThat(report.schemaJson()).contains("\"name\" : \"topLevelRecord\"");
    assertThat(inspect("--verify", file.toString())).as(text(err)).isZero();
    assertThat(text(out))
        .contains("rows:        20,000 in " + report.blocks().size() + " block(s)")
        .contains("verified:    20,000 rows decoded");
  }

  /**
   * The block counts the old inspector got wrong, against blocks made on purpose and Avro's own
   * reader.
   */
  @Test
  void blockCountsAreTheContainersBlockHeaders() throws Exception {
    Path one = write("one.avro", CodecFactory.nullCodec(), Map.of(), 10);
    Path three = write("three.avro", CodecFactory.nullCodec(), Map.of(), 100, 100, 100);

    assertThat(report(one).blocks())
        .extracting(AvroBlocks.Block::rows)
        .containsExactly(10L)
        .isEqualTo(blockCountsByAvro(one));
    assertThat(report(three).blocks())
        .extracting(AvroBlocks.Block::rows)
        .containsExactly(100L, 100L, 100L)
        .isEqualTo(blockCountsByAvro(three));
    assertThat(inspect(one.toString(), three.toString())).as(text(err)).isZero();
    assertThat(text(out))
        .contains("rows:        10 in 1 block(s)")
        .contains("rows:        300 in 3 block(s)")
        .contains("total:       2 file(s), 310 rows, ");
  }

  /**
   * The count the write-and-read lesson prints: the blocks' headers, as the inspector and Avro's
   * own reader count them. (Counting the distinct sync positions a reader passes gave one more per
   * file.)
   */
  @Test
  void theLessonsBlockCountIsTheContainersBlockHeaders() throws Exception {
    Path one = write("one.avro", CodecFactory.nullCodec(), Map.of(), 10);
    Path three = write("three.avro", CodecFactory.nullCodec(), Map.of(), 100, 100, 100);
    FileSystem fs = FileSystem.getLocal(new Configuration());

    assertThat(AvroFiles.blocks(fs, List.of(fs.getFileStatus(hadoopPath(one)))))
        .isEqualTo((long) blockCountsByAvro(one).size())
        .isEqualTo(1L);
    assertThat(
            AvroFiles.blocks(
                fs,
                List.of(fs.getFileStatus(hadoopPath(one)), fs.getFileStatus(hadoopPath(three)))))
        .as("summed over the files")
        .isEqualTo(4L);
  }

  /**
   * Needs node and npm (the npm registry), so it runs in the cluster tier ({@code ./run-tests}).
   */
  @Test
  @ClusterTier
  void aFileFromTheJavaScriptImplementationIsInspectedVerifiedAndReadBySpark() throws Exception {
    Path file = writeWithAvsc(dir.resolve("readings.avro"));

    AvroFileReport report = report(file);
    assertThat(report.codec()).isEqualTo("deflate");
    assertThat(report.rows()).isEqualTo(100);
    assertThat(report.blocks())
        .extracting(AvroBlocks.Block::rows)
        .isEqualTo(blockCountsByAvro(file));
    assertThat(report.schemaJson()).contains("js.sensors");
    assertThat(inspect("--verify", file.toString())).as(text(err)).isZero();
    assertThat(spark.read().format("avro").load(file.toString()).where("value IS NULL").count())
        .isEqualTo(10);
  }

  @Test
  void binaryMetadataIsHexAndHeadPrintsRecordsAsJson() throws Exception {
    Path file =
        write(
            "meta.avro",
            CodecFactory.snappyCodec(),
            Map.of(
                "blob",
                new byte[] {0, 1, (byte) 0xff},
                "owner",
                "team-a".getBytes(StandardCharsets.UTF_8)),
            5);

    AvroFileReport report = report(file);
    assertThat(report.metadata()).isEqualTo(Map.of("blob", "0x0001ff", "owner", "team-a"));
    assertThat(report.fields())
        .extracting(AvroFileReport.Field::name)
        .containsExactly("id", "sensor", "value");

    assertThat(inspect("--head", "2", file.toString())).as(text(err)).isZero();
    List<String> lines = text(out).lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(JSON.readTree(lines.get(1)))
        .isEqualTo(JSON.readTree("{\"id\": 1, \"sensor\": \"s1\", \"value\": {\"double\": 0.5}}"));
  }

  @Test
  void aSparkOutputDirectoryIsInspectedWithTotalsAndAsJson() throws Exception {
    Path table = dir.resolve("table");
    AvroSampleData.orders(spark, 30_000, 1)
        .repartition(3)
        .write()
        .format("avro")
        .save(table.toString());
    List<Path> files = avroFiles(table);
    long bytes = 0;
    for (Path f : files) {
      bytes += Files.size(f);
    }

    assertThat(inspect(table.toString())).as(text(err)).isZero();
    assertThat(text(out).lines().filter(l -> l.startsWith("file:"))).hasSize(3);
    assertThat(text(out))
        .endsWith(String.format("total:       3 file(s), 30,000 rows, %,d bytes%n", bytes));

    out.reset();
    assertThat(inspect("--json", "--verify", table.toString())).as(text(err)).isZero();
    List<JsonNode> docs = jsonDocuments();
    assertThat(docs).hasSize(3);
    JsonNode doc = docs.get(0);
    assertThat(doc.get("format").asText()).isEqualTo("avro");
    assertThat(doc.get("compression").asText())
        .as("spark.sql.avro.compression.codec")
        .isEqualTo("snappy");
    assertThat(doc.get("unit").asText()).isEqualTo("block");
    assertThat(doc.get("file").asText()).isEqualTo(files.get(0).toString());
    assertThat(doc.get("bytes").asLong()).isEqualTo(Files.size(files.get(0)));
    assertThat(doc.get("units").get(0).get("offset").asLong())
        .as("the first block follows the header")
        .isPositive();
    assertThat(docs.stream().mapToLong(d -> d.get("rows").asLong()).sum()).isEqualTo(30_000);
    assertThat(docs.stream().mapToLong(d -> d.get("verified").get("rowsDecoded").asLong()).sum())
        .isEqualTo(30_000);
  }

  @Test
  void aDamagedBlockIsFoundOnlyByVerify() throws Exception {
    Path file = write("orders.avro", CodecFactory.snappyCodec(), Map.of(), 500, 500, 500);
    AvroBlocks.Block second = report(file).blocks().get(1);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(second.offset() + 4 + second.bytes() / 2);
      raf.write(raf.read() ^ 0xFF);
    }

    assertThat(inspect(file.toString()))
        .as("the block headers and sync markers are intact")
        .isZero();
    assertThat(inspect("--verify", file.toString())).isEqualTo(1);
    assertThat(text(err).lines())
        .singleElement()
        .asString()
        .startsWith("avro-inspect: " + file + ": corrupt: block 1: ");
  }

  /**
   * A block header announcing one record less than its data holds: every record decodes, one is
   * left over.
   */
  @Test
  void aRecordCountThatDoesNotMatchTheBlockIsFoundByVerify() throws Exception {
    Path file = write("count.avro", CodecFactory.nullCodec(), Map.of(), 100, 100);
    AvroBlocks.Block first = report(file).blocks().get(0);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(first.offset());
      // 100 is zig-zag 200, varint C8 01; 99 is 198, C6 01: same length, so nothing else moves.
      assertThat(raf.read()).isEqualTo(0xC8);
      raf.seek(first.offset());
      raf.write(0xC6);
    }

    assertThat(inspect(file.toString())).isZero();
    assertThat(text(out)).contains("rows:        199 in 2 block(s)");
    assertThat(inspect("--verify", file.toString())).isEqualTo(1);
    assertThat(text(err))
        .isEqualTo(
            "avro-inspect: "
                + file
                + ": corrupt: block 0: bytes are left after the 99 records its header announces\n");
  }

  @Test
  void aFileThatIsNotAvroIsNamedOnceInOneLine() throws IOException {
    Path file = Files.writeString(dir.resolve("notes.avro"), "id,country\n1,DE\n");

    assertThat(inspect(file.toString())).isEqualTo(1);
    assertThat(text(err))
        .isEqualTo(
            "avro-inspect: " + file + ": not an Avro data file: no Obj1 magic at the head\n");
  }

  @Test
  void aFileCutShortIsCalledTruncated() throws Exception {
    Path half = write("half.avro", CodecFactory.nullCodec(), Map.of(), 100, 100);
    AvroBlocks.Block last = report(half).blocks().get(1);
    byte[] whole = Files.readAllBytes(half);
    Files.write(half, Arrays.copyOf(whole, whole.length - 20));
    Path header = Files.write(dir.resolve("header.avro"), Arrays.copyOf(whole, 40));

    assertThat(inspect(half.toString(), header.toString())).isEqualTo(1);
    List<String> lines = text(err).lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            String.format(
                "avro-inspect: %s: truncated: block 1 at offset %d: its %,d bytes"
                    + " and sync marker end at %,d, the file at %,d",
                half, last.offset(), last.bytes(), whole.length, whole.length - 20));
    assertThat(lines.get(1))
        .isEqualTo(
            "avro-inspect: " + header + ": truncated: the header ends before its sync marker");
  }

  @Test
  void aMissingFileAndBadUsageExitNonZero() {
    assertThat(inspect(dir.resolve("absent.avro").toString())).isEqualTo(1);
    assertThat(text(err))
        .isEqualTo("avro-inspect: " + dir.resolve("absent.avro") + ": no such file or directory\n");
    err.reset();
    assertThat(inspect()).isEqualTo(2);
    assertThat(text(err)).isEqualTo(AvroInspect.USAGE + "\n");
    err.reset();
    assertThat(inspect("--head", "x.avro")).isEqualTo(2);
    assertThat(text(err)).startsWith("avro-inspect: --head needs a number of records\n");
    err.reset();
    assertThat(inspect("--json", "--head", "1", "x.avro")).isEqualTo(2);
    assertThat(text(err)).startsWith("avro-inspect: --head prints records and --json the report");
  }

  /** Records of SCHEMA, a block per count given (the writer is told to end a block after each). */
  private Path write(String name, CodecFactory codec, Map<String, byte[]> metadata, int... blocks)
      throws IOException {
    Path file = dir.resolve(name);
    try (DataFileWriter<GenericRecord> writer =
        new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(SCHEMA))) {
      writer.setCodec(codec);
      metadata.forEach(writer::setMeta);
      writer.create(SCHEMA, file.toFile());
      long id = 0;
      for (int records : blocks) {
        for (int i = 0; i < records; i++, id++) {
          GenericRecord r = new GenericData.Record(SCHEMA);
          r.put("id", id);
          r.put("sensor", "s" + id % 3);
          r.put("value", id % 10 == 0 ? null : id * 0.5);
          writer.append(r);
        }
        writer.sync();
      }
    }
    return file;
  }

  /** Records per block as Avro's own stream reader sees them, block by block. */
  private static List<Long> blockCountsByAvro(Path file) throws IOException {
    List<Long> counts = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file);
        DataFileStream<Object> stream = new DataFileStream<>(in, new GenericDatumReader<>())) {
      while (stream.hasNext()) {
        counts.add(stream.getBlockCount());
        stream.nextBlock();
      }
    }
    return counts;
  }

  /** Installs avsc from the npm registry into a scratch directory and runs the writer script. */
  private Path writeWithAvsc(Path file) throws Exception {
    Path node = dir.resolve("node");
    Files.createDirectories(node);
    Result install =
        Command.run(
            List.of(
                "npm",
                "install",
                "--prefix",
                node.toString(),
                "--no-audit",
                "--no-fund",
                "avsc@5.7.7"),
            Map.of(),
            Duration.ofMinutes(3));
    assertThat(install.exitCode())
        .as("npm is needed for this test:%n%s", install.describe())
        .isZero();
    Path script = Path.of("src/test/js/write-readings.js").toAbsolutePath();
    Result write =
        Command.run(
            List.of("node", script.toString(), file.toString()),
            Map.of("NODE_PATH", node.resolve("node_modules").toString()),
            Duration.ofMinutes(1));
    assertThat(write.exitCode()).as(write.describe()).isZero();
    return file;
  }

  @Override
  protected int run(String[] args, PrintStream out, PrintStream err) {
    return AvroInspect.run(args, out, err);
  }

  /** The Avro files Spark wrote under a local directory, found the way the lessons find theirs. */
  private static List<Path> avroFiles(Path table) throws IOException {
    var directory = hadoopPath(table);
    return AvroFiles.dataFiles(directory.getFileSystem(new Configuration()), directory).stream()
        .map(f -> Path.of(f.getPath().toUri()))
        .toList();
  }

  /** The report of a local file, named as the inspector names a file argument. */
  private static AvroFileReport report(Path file) throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    return AvroFileReport.read(fs, fs.getFileStatus(hadoopPath(file)), file.toString());
  }
}
