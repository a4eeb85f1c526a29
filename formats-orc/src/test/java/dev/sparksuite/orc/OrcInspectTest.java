package dev.sparksuite.orc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparksuite.lessonkit.SqlConf;
import dev.sparksuite.testkit.InspectorTestBase;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.CompressionKind;
import org.apache.orc.EncryptionAlgorithm;
import org.apache.orc.InMemoryKeystore;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.orc.RecordReader;
import org.apache.orc.TypeDescription;
import org.apache.orc.Writer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * OrcInspect on files from Spark, from Hive's writer, from orc-core in the old 0.11 format, from
 * other writers (Hive 0.11, Presto) that ORC publishes, with encryption; on directories, with
 * --verify and --json; and on every way a file can be bad.
 */
class OrcInspectTest extends InspectorTestBase {

  @TempDir Path dir;

  @Test
  void aSparkFileShowsStripesEncodingsStreamsStatisticsAndBloomFilters() throws Exception {
    Path table = dir.resolve("spark");
    OrcSampleData.orders(spark, 20_000, 1)
        .select("id", "customer_key")
        .write()
        .option("compression", "zstd")
        .option("orc.bloom.filter.columns", "customer_key")
        .orc(table.toString());
    Path file = orcFiles(table).get(0);

    OrcFileReport report = report(file);
    assertThat(report.rows()).isEqualTo(20_000);
    assertThat(report.compression()).isEqualTo("ZSTD");
    assertThat(report.fileVersion()).isEqualTo("0.12");
    assertThat(report.rowIndexStride()).isEqualTo(10_000);
    assertThat(report.stripes()).hasSize(1);
    assertThat(report.columns())
        .extracting(OrcFileReport.Column::name)
        .containsExactly("<root>", "id", "customer_key");
    assertThat(report.columns().get(1).statistics()).contains("min: 0").contains("max: 19999");
    var stripe = report.stripes().get(0);
    assertThat(stripe.columns().get(1).encoding()).isEqualTo("DIRECT_V2");
    assertThat(stripe.columns().get(2).streams())
        .containsKeys("ROW_INDEX", "BLOOM_FILTER_UTF8", "DATA", "LENGTH");
    assertThat(stripe.columns().get(1).streams()).doesNotContainKey("BLOOM_FILTER_UTF8");
    assertThat(report.columns().get(2).bloomFilters().filters())
        .as("one bloom filter per row group: 20,000 rows at a stride of 10,000")
        .isEqualTo(2);
    assertThat(report.columns().get(2).bloomFilters().hashFunctions())
        .as("fpp 0.01: k = round(-log2(0.01)) = 7")
        .isEqualTo(7);
    assertThat(report.columns().get(1).bloomFilter()).isFalse();
    assertThat(inspect(file.toString())).as(text(err)).isZero();
    assertThat(text(out))
        .contains("[bloom filter: ")
        .contains("rows:        20,000 in 1 stripe(s)");
  }

  @Test
  void bloomFiltersAreReadFromTheIndexStreamsSoDamagedRowDataOnlyShowsUnderVerify()
      throws Exception {
    Path file = nativeFile("bloom.orc", 50_000, CompressionKind.ZLIB);
    OrcFileReport before = report(file);
    var stripe = before.stripes().get(0);
    damage(file, stripe.offset() + stripe.indexBytes() + stripe.dataBytes() / 2);

    OrcFileReport report = report(file);
    assertThat(report.columns().get(2).bloomFilters().filters())
        .as("5 row groups of 10,000")
        .isEqualTo(5);
    assertThatThrownBy(
            () -> {
              try (Reader reader =
                      OrcFile.createReader(
                          hadoopPath(file), OrcFile.readerOptions(new Configuration()));
                  RecordReader rows = reader.rows()) {
                VectorizedRowBatch batch = reader.getSchema().createRowBatch();
                while (rows.nextBatch(batch)) {
                  // read every row: what opening the rows (the old way to the bloom filters) starts
                  // doing
                }
              }
            })
        .as("the row data is damaged")
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("Error reading file");

    assertThat(inspect(file.toString())).as(text(err)).isZero();
    assertThat(inspect("--verify", file.toString())).isEqualTo(1);
    assertThat(text(err).lines())
        .singleElement()
        .asString()
        .startsWith("orc-inspect: " + file + ": corrupt: stripe 0: ");
  }

  @Test
  void aFileFromHivesWriterIsInspected() throws Exception {
    spark.sql("CREATE DATABASE IF NOT EXISTS orc_inspect");
    spark.sql("DROP TABLE IF EXISTS orc_inspect.hive_written");
    spark.sql("CREATE TABLE orc_inspect.hive_written (id BIGINT, name STRING) STORED AS ORC");
    // Off: the INSERT goes through Hive's ORC SerDe and output format instead of Spark's writer.
    SqlConf.with(
        spark,
        "spark.sql.hive.convertMetastoreOrc",
        "false",
        () ->
            spark.sql(
                "INSERT INTO orc_inspect.hive_written SELECT id, concat('n', id) FROM range(500)"));
    String location =
        spark.sql("DESCRIBE TABLE EXTENDED orc_inspect.hive_written").collectAsList().stream()
            .filter(r -> r.getString(0).equals("Location"))
            .map(r -> r.getString(1))
            .findFirst()
            .orElseThrow();
    Path tableDir = Path.of(URI.create(location));

    assertThat(inspect("--verify", tableDir.toString())).as(text(err)).isZero();
    assertThat(text(out))
        .contains("struct<id:bigint,name:string>")
        .as("the software version the writer recorded: an ORC Java release")
        .contains("created by:  ORC Java ")
        .containsPattern("total:       \\d+ file\\(s\\), 500 rows, ");
  }

  @Test
  void anOldFormatFileFromOrcCoreIsInspectedAndVerified() throws Exception {
    Path file = dir.resolve("old.orc");
    TypeDescription schema = TypeDescription.fromString("struct<id:bigint>");
    try (Writer writer =
        OrcFile.createWriter(
            hadoopPath(file),
            OrcFile.writerOptions(new Configuration())
                .setSchema(schema)
                .version(OrcFile.Version.V_0_11))) {
      VectorizedRowBatch batch = schema.createRowBatch();
      for (int i = 0; i < 100; i++) {
        ((LongColumnVector) batch.cols[0]).vector[batch.size++] = i;
      }
      writer.addRowBatch(batch);
    }

    OrcFileReport report = report(file);
    assertThat(report.fileVersion()).isEqualTo("0.11");
    assertThat(report.stripes().get(0).columns().get(1).encoding())
        .as("0.11 has no RLE v2")
        .isEqualTo("DIRECT");
    assertThat(report.rows()).isEqualTo(100);
    assertThat(inspect("--verify", file.toString())).as(text(err)).isZero();
  }

  /** Files from other writers that ORC ships in its test jar on Maven Central. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "orc-file-11-format.orc,       0.11, ORIGINAL,        7500",
    "orc-file-no-timezone.orc,     0.12, HIVE_8732,       2",
    "orc-file-presto-string.orc,   0.12, PRESTO_ORIGINAL, 1",
    "orc_split_elim.orc,           0.12, ORC_135,         25000",
  })
  void filesFromOtherWritersAreInspectedAndVerified(
      String name, String version, String writer, long rows) throws Exception {
    Path file = fromOrcTestJar(name);

    OrcFileReport report = report(file);
    assertThat(report.fileVersion()).isEqualTo(version);
    assertThat(report.writer()).isEqualTo(writer);
    assertThat(report.rows()).isEqualTo(rows);
    assertThat(inspect("--verify", file.toString())).as(text(err)).isZero();
    assertThat(text(out)).contains(String.format("verified:    %,d rows decoded", rows));
  }

  @Test
  void orcsOwnCorruptZlibFileIsNamedCorruptInOneLine() throws Exception {
    Path file = fromOrcTestJar("orc_corrupt_zlib.orc");

    assertThat(inspect(file.toString())).isEqualTo(1);
    assertThat(text(err).lines())
        .singleElement()
        .asString()
        .startsWith(
            "orc-inspect: "
                + file
                + ": corrupt: the file footer does not decode: IOException: Decompress");
  }

  @Test
  void encryptionTypeAttributesAndBinaryUserMetadataAreShown() throws Exception {
    Path file = dir.resolve("encrypted.orc");
    TypeDescription schema = TypeDescription.fromString("struct<id:bigint,name:string>");
    schema.findSubtype("name").setAttribute("pii", "true");
    InMemoryKeystore keys =
        new InMemoryKeystore().addKey("pii", EncryptionAlgorithm.AES_CTR_128, new byte[16]);
    try (Writer writer =
        OrcFile.createWriter(
            hadoopPath(file),
            OrcFile.writerOptions(new Configuration())
                .setSchema(schema)
                .setKeyProvider(keys)
                .encrypt("pii:name")
                .masks("sha256:name"))) {
      writer.addUserMetadata("blob", ByteBuffer.wrap(new byte[] {0, 1, (byte) 0xff}));
      writer.addUserMetadata("owner", ByteBuffer.wrap("team-a".getBytes(StandardCharsets.UTF_8)));
      VectorizedRowBatch batch = schema.createRowBatch();
      for (int i = 0; i < 10; i++) {
        ((LongColumnVector) batch.cols[0]).vector[batch.size] = i;
        ((BytesColumnVector) batch.cols[1])
            .setVal(batch.size++, ("n" + i).getBytes(StandardCharsets.UTF_8));
      }
      writer.addRowBatch(batch);
    }

    OrcFileReport report = report(file);
    assertThat(report.encryption())
        .singleElement()
        .satisfies(
            key -> {
              assertThat(key.name()).isEqualTo("pii");
              assertThat(key.algorithm()).isEqualTo("AES_CTR_128");
              assertThat(key.columns()).containsExactly("name");
            });
    assertThat(report.columns().get(2).encryptedWith()).isEqualTo("pii");
    assertThat(report.columns().get(1).encryptedWith()).isNull();
    assertThat(report.masks()).singleElement().asString().startsWith("sha256");
    assertThat(report.columns().get(2).attributes())
        .as("orc-core records the column's key and mask as attributes")
        .isEqualTo(Map.of("pii", "true", "encrypt", "pii", "mask", "sha256"));
    assertThat(report.metadata()).isEqualTo(Map.of("blob", "0x0001ff", "owner", "team-a"));
    assertThat(inspect("--verify", file.toString()))
        .as("without the key the masked copy is read: %s", text(err))
        .isZero();
    assertThat(text(out)).contains("encryption:  key pii v0 (AES_CTR_128) on [name]");
  }

  @Test
  void aSparkOutputDirectoryIsInspectedWithTotalsAndAsJson() throws Exception {
    Path table = dir.resolve("table");
    OrcSampleData.orders(spark, 30_000, 1)
        .select("id", "country")
        .repartition(3)
        .write()
        .orc(table.toString());
    long bytes = 0;
    for (Path f : orcFiles(table)) {
      bytes += Files.size(f);
    }

    assertThat(inspect("--verify", table.toString())).as(text(err)).isZero();
    assertThat(text(out).lines().filter(l -> l.startsWith("file:"))).hasSize(3);
    assertThat(text(out))
        .endsWith(String.format("total:       3 file(s), 30,000 rows, %,d bytes%n", bytes));

    out.reset();
    assertThat(inspect("--json", table.toString())).as(text(err)).isZero();
    List<JsonNode> docs = jsonDocuments();
    assertThat(docs).hasSize(3);
    JsonNode doc = docs.get(0);
    assertThat(doc.get("format").asText()).isEqualTo("orc");
    assertThat(doc.get("compression").asText()).isEqualTo("ZSTD");
    assertThat(doc.get("schema").asText()).isEqualTo("struct<id:bigint,country:string>");
    assertThat(doc.get("unit").asText()).isEqualTo("stripe");
    assertThat(doc.get("units").get(0).get("offset").asLong())
        .as("after the ORC magic")
        .isEqualTo(3);
    assertThat(doc.get("columns").findValuesAsText("name"))
        .containsExactly("<root>", "id", "country");
    assertThat(docs.stream().mapToLong(d -> d.get("rows").asLong()).sum()).isEqualTo(30_000);
    assertThat(docs.stream().mapToLong(d -> d.get("bytes").asLong()).sum()).isEqualTo(bytes);
    assertThat(docs.stream().mapToLong(d -> d.get("units").get(0).get("rows").asLong()).sum())
        .isEqualTo(30_000);
  }

  @Test
  void aFileThatIsNotOrcIsNamedOnceInOneLine() throws IOException {
    Path file = Files.writeString(dir.resolve("notes.orc"), "id,country\n1,DE\n");

    assertThat(inspect(file.toString())).isEqualTo(1);
    assertThat(text(err))
        .isEqualTo("orc-inspect: " + file + ": not an ORC file: no ORC magic at the head\n");
  }

  @Test
  void aFileCutShortIsCalledTruncated() throws Exception {
    Path half = nativeFile("half.orc", 10_000, CompressionKind.ZSTD);
    byte[] whole = Files.readAllBytes(half);
    Files.write(half, Arrays.copyOf(whole, whole.length / 2));
    // The head magic and the postscript with its length byte, without the footer they point to.
    int tail = (whole[whole.length - 1] & 0xff) + 1;
    byte[] frame = new byte[3 + tail];
    System.arraycopy(whole, 0, frame, 0, 3);
    System.arraycopy(whole, whole.length - tail, frame, 3, tail);
    Path headAndTail = Files.write(dir.resolve("frame.orc"), frame);

    assertThat(inspect(half.toString(), headAndTail.toString())).isEqualTo(1);
    assertThat(text(err).lines())
        .containsExactly(
            "orc-inspect: " + half + ": truncated: no ORC postscript at the end",
            "orc-inspect: "
                + headAndTail
                + ": truncated: footer length points before the start of the file");
  }

  @Test
  void aMissingFileAndBadUsageExitNonZero() {
    assertThat(inspect(dir.resolve("absent.orc").toString())).isEqualTo(1);
    assertThat(text(err))
        .isEqualTo("orc-inspect: " + dir.resolve("absent.orc") + ": no such file or directory\n");
    err.reset();
    assertThat(inspect()).isEqualTo(2);
    assertThat(text(err)).isEqualTo(OrcInspect.USAGE + "\n");
    err.reset();
    assertThat(inspect("--pages", "x.orc")).as("--pages is Parquet's").isEqualTo(2);
    assertThat(text(err)).startsWith("orc-inspect: unknown option '--pages'\n" + OrcInspect.USAGE);
  }

  /**
   * rows of (id, key, name) from orc-core, a bloom filter on key; no Hadoop .crc file beside it.
   */
  private Path nativeFile(String name, int rows, CompressionKind compression) throws IOException {
    Path file = dir.resolve(name);
    TypeDescription schema = TypeDescription.fromString("struct<id:bigint,key:string,name:string>");
    try (Writer writer =
        OrcFile.createWriter(
            hadoopPath(file),
            OrcFile.writerOptions(new Configuration())
                .setSchema(schema)
                .compress(compression)
                .bloomFilterColumns("key"))) {
      VectorizedRowBatch batch = schema.createRowBatch();
      for (int i = 0; i < rows; i++) {
        ((LongColumnVector) batch.cols[0]).vector[batch.size] = i;
        ((BytesColumnVector) batch.cols[1])
            .setVal(batch.size, ("k" + i * 7919L % 100_003).getBytes(StandardCharsets.UTF_8));
        ((BytesColumnVector) batch.cols[2])
            .setVal(batch.size++, ("name " + i).getBytes(StandardCharsets.UTF_8));
        // A full batch is handed to the writer, which buffers a stripe before it writes.
        if (batch.size == batch.getMaxSize()) {
          writer.addRowBatch(batch);
          batch.reset();
        }
      }
      writer.addRowBatch(batch);
    }
    Files.deleteIfExists(file.resolveSibling("." + name + ".crc"));
    return file;
  }

  /** The ORC files Spark wrote under a local directory, found the way the lessons find theirs. */
  private static List<Path> orcFiles(Path table) throws IOException {
    var directory = hadoopPath(table);
    return OrcFiles.dataFiles(directory.getFileSystem(new Configuration()), directory).stream()
        .map(f -> Path.of(f.getPath().toUri()))
        .toList();
  }

  private static void damage(Path file, long at) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(at);
      for (int i = 0; i < 64; i++) {
        raf.write(0x5A);
      }
    }
  }

  @Override
  protected int run(String[] args, PrintStream out, PrintStream err) {
    return OrcInspect.run(args, out, err);
  }

  private Path fromOrcTestJar(String name) throws IOException {
    try (var in = getClass().getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as("%s in orc-core's test jar", name).isNotNull();
      return Files.write(dir.resolve(name), in.readAllBytes());
    }
  }

  /** The report of a local file, named as the inspector names a file argument. */
  private static OrcFileReport report(Path file) throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    return OrcFileReport.read(fs, fs.getFileStatus(hadoopPath(file)), file.toString());
  }
}
