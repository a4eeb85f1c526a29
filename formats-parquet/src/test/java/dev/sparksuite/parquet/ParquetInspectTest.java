package dev.sparksuite.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparksuite.lessonkit.Lesson;
import dev.sparksuite.testkit.InspectorTestBase;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.crypto.FileEncryptionProperties;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ParquetInspect}: good files, directories, --pages, --json, and every way a file can be
 * bad.
 */
class ParquetInspectTest extends InspectorTestBase {

  @TempDir Path dir;

  @Test
  void inspectsAndVerifiesASparkFile() throws Exception {
    Path file = sparkFile(Map.of());

    int exit = inspect("--verify", file.toString());

    assertThat(exit).as(text(err)).isZero();
    assertThat(text(out))
        .contains("rows:        100,000 in 1 row group(s)")
        .contains("verified:    100,000 rows decoded, as declared; ")
        .contains("column-index")
        .contains("offset-index")
        .as("parquet-hadoop writes a CRC into every page header by default")
        .containsPattern("(\\d+) of \\1 page CRCs");
  }

  @Test
  void aSparkOutputDirectoryIsInspectedFileByFileWithTotals() throws Exception {
    Path table = dir.resolve("table");
    ParquetSampleData.orders(spark, 30_000, 1)
        .select("id", "country")
        .repartition(3)
        .write()
        .parquet(table.toString());
    List<Path> dataFiles = dataFiles(table);
    long bytes = 0;
    for (Path f : dataFiles) {
      bytes += Files.size(f);
    }
    assertThat(table.resolve("_SUCCESS")).exists();
    assertThat(Files.list(table).filter(p -> p.getFileName().toString().endsWith(".crc")))
        .isNotEmpty();

    assertThat(inspect(table.toString())).as(text(err)).isZero();
    assertThat(text(out).lines().filter(l -> l.startsWith("file:")))
        .hasSize(3)
        .allMatch(l -> l.startsWith("file:        " + table + "/part-"));
    assertThat(text(out))
        .endsWith(String.format("total:       3 file(s), 30,000 rows, %,d bytes%n", bytes));

    out.reset();
    assertThat(inspect("--verify", table.toUri().toString()))
        .as("a file: URI names a Hadoop path")
        .isZero();
    assertThat(text(out))
        .contains("file:        file:" + table + "/part-")
        .endsWith(String.format("total:       3 file(s), 30,000 rows, %,d bytes%n", bytes));
  }

  @Test
  void aDirectoryWithoutDataFilesIsNamedInOneLine() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Files.createFile(empty.resolve("_SUCCESS"));

    assertThat(inspect(empty.toString())).isEqualTo(1);
    assertThat(text(err))
        .isEqualTo("parquet-inspect: " + empty + ": no data files in the directory\n");
  }

  @Test
  void pagesAreListedFromTheirHeadersWithColumnIndexStatistics() throws Exception {
    Path file = sparkFile(Map.of());

    ParquetFileReport report = ParquetFileReport.read(input(file), file.toString(), true);

    var id = report.rowGroups().get(0).columns().get(0);
    List<ParquetPages.Page> data =
        id.pages().stream().filter(p -> !p.type().equals("dictionary")).toList();
    assertThat(data)
        .as("parquet-hadoop cuts a page at 20,000 rows: 100,000 rows make 5")
        .hasSize(5)
        .allMatch(p -> p.type().equals("v1") && p.values() == 20_000 && p.crc());
    assertThat(data.get(0).min()).as("page statistics come from the column index").isEqualTo("0");
    assertThat(data.get(4).max()).isEqualTo("99999");
    assertThat(id.pages().stream().mapToLong(p -> p.compressedBytes()).sum())
        .as("headers plus page bodies fill the chunk")
        .isLessThan(id.bytes());

    assertThat(inspect("--pages", file.toString())).as(text(err)).isZero();
    assertThat(text(out)).contains("page v1").contains("20,000 values");
  }

  @Test
  void encodingStatsShowWhereTheDictionaryFellBack() throws Exception {
    // key repeats 100 values in the first 20,000 rows (one page), then every value is new.
    Path table = dir.resolve("fallback");
    spark
        .range(100_000)
        .selectExpr("id", "IF(id < 20000, id % 100, id) AS key")
        .coalesce(1)
        .write()
        .option("parquet.dictionary.page.size", 65_536)
        .parquet(table.toString());
    Path file = dataFiles(table).get(0);

    var chunks =
        ParquetFileReport.read(input(file), file.toString(), false).rowGroups().get(0).columns();

    assertThat(chunks.get(1).dictionaryFallback())
        .as("key: 20,000 new longs (160 KB) overflow a 64 KB dictionary")
        .isTrue();
    assertThat(chunks.get(1).dataPagesByEncoding())
        .as(
            "the first page is dictionary-encoded; in the second the writer falls back to plain for good")
        .isEqualTo(Map.of("PLAIN_DICTIONARY", 1, "PLAIN", 4));
    assertThat(chunks.get(0).dictionaryFallback())
        .as(
            "id: after one page the dictionary is no smaller than plain, so the writer never kept one")
        .isFalse();
    assertThat(chunks.get(0).dataPagesByEncoding()).isEqualTo(Map.of("PLAIN", 5));
    assertThat(inspect(file.toString())).isZero();
    assertThat(text(out)).contains("dictionary fell back to plain");
  }

  @Test
  void bloomFiltersAndSizeStatisticsAreShownWithTheirSizes() throws Exception {
    Path bloom =
        sparkFile(
            Map.of(
                "parquet.bloom.filter.enabled#country",
                "true",
                "parquet.enable.dictionary#country",
                "false"));
    var chunks = ParquetFileReport.read(input(bloom), "bloom", false).rowGroups().get(0).columns();

    assertThat(chunks.get(1).bloomFilterBytes()).as("country has a bloom filter").isPositive();
    assertThat(chunks.get(0).bloomFilterBytes()).as("id has none").isNull();
    assertThat(chunks.get(1).unencodedByteArrayBytes())
        .as("100,000 two-letter country codes")
        .isEqualTo(200_000);

    // Spark cannot turn size statistics off: parquet-hadoop 1.16.0's output format never reads
    // parquet.size.statistics.enabled. The writer's builder can.
    var sized = ParquetFileReport.read(input(nativeFile("sized.parquet", true)), "sized", false);
    var unsized =
        ParquetFileReport.read(input(nativeFile("unsized.parquet", false)), "unsized", false);
    assertThat(sized.rowGroups().get(0).columns().get(1).unencodedByteArrayBytes())
        .as("1,000 times DE")
        .isEqualTo(2_000);
    assertThat(unsized.rowGroups().get(0).columns().get(1).unencodedByteArrayBytes()).isNull();
  }

  @Test
  void noBloomFilterIsWrittenForAChunkWhosePagesAreAllDictionaryEncoded() throws Exception {
    Path withDictionary = sparkFile(Map.of("parquet.bloom.filter.enabled#country", "true"));
    var chunks =
        ParquetFileReport.read(input(withDictionary), "dictionary", false)
            .rowGroups()
            .get(0)
            .columns();

    assertThat(chunks.get(1).dataPagesByEncoding()).containsOnlyKeys("PLAIN_DICTIONARY");
    assertThat(chunks.get(1).bloomFilterBytes())
        .as("the filter is asked for, but the dictionary already answers lookups")
        .isNull();
  }

  /**
   * parquet-java writes no statistics for a chunk whose min and max together reach 4 KB
   * (ParquetMetadataConverter's MAX_STATS_SIZE): not even the null count. One character less each,
   * and they are there.
   */
  @Test
  void aChunkWhoseMinAndMaxReachFourKilobytesHasNoStatistics() throws Exception {
    var atTheLimit = chunkStatistics(2048);
    var underIt = chunkStatistics(2047);

    assertThat(atTheLimit.hasNonNullValue()).as("2 x 2048 characters: no min/max").isFalse();
    assertThat(atTheLimit.isNumNullsSet()).as("nor a null count").isFalse();
    assertThat(underIt.hasNonNullValue()).as("2 x 2047 characters").isTrue();
  }

  /** The statistics of a one-row-group string column holding 'a' x n and 'b' x n. */
  private org.apache.parquet.column.statistics.Statistics<?> chunkStatistics(int n)
      throws IOException {
    Path table = dir.resolve("long-strings-" + n);
    spark
        .sql("SELECT repeat('a', " + n + ") AS s UNION ALL SELECT repeat('b', " + n + ")")
        .coalesce(1)
        .write()
        .parquet(table.toString());
    Path file = dataFiles(table).get(0);
    return ParquetFiles.footer(fileSystem(), hadoopPath(file))
        .getBlocks()
        .get(0)
        .getColumns()
        .get(0)
        .getStatistics();
  }

  @Test
  void jsonGivesTheSharedDocumentWithTheFactsOfTheFile() throws Exception {
    Path file = sparkFile(Map.of());

    assertThat(inspect("--json", "--verify", file.toString())).as(text(err)).isZero();

    List<JsonNode> docs = jsonDocuments();
    assertThat(docs).hasSize(1);
    JsonNode doc = docs.get(0);
    assertThat(doc.get("file").asText()).isEqualTo(file.toString());
    assertThat(doc.get("format").asText()).isEqualTo("parquet");
    assertThat(doc.get("rows").asLong()).isEqualTo(100_000);
    assertThat(doc.get("bytes").asLong()).isEqualTo(Files.size(file));
    assertThat(doc.get("compression").asText()).isEqualTo("SNAPPY");
    assertThat(doc.get("unit").asText()).isEqualTo("row group");
    assertThat(doc.get("units")).hasSize(1);
    assertThat(doc.get("units").get(0).get("rows").asLong()).isEqualTo(100_000);
    assertThat(doc.get("units").get(0).get("offset").asLong())
        .as("after the PAR1 magic")
        .isEqualTo(4);
    assertThat(doc.get("columns").findValuesAsText("name"))
        .containsExactly("id", "country", "amount");
    assertThat(doc.get("columns").get(0).get("values").asLong()).isEqualTo(100_000);
    assertThat(doc.get("verified").get("rowsDecoded").asLong()).isEqualTo(100_000);
  }

  @Test
  void aFileThatIsNotParquetIsNamedOnceInOneLine() throws Exception {
    Path file = Files.writeString(dir.resolve("notes.parquet"), "id,country\n1,DE\n");

    assertThat(inspect(file.toString())).isEqualTo(1);
    assertThat(text(err))
        .isEqualTo(
            "parquet-inspect: " + file + ": not a Parquet file: no PAR1 magic at the head\n");
  }

  @Test
  void aFileCutShortIsCalledTruncated() throws Exception {
    Path half = sparkFile(Map.of());
    withoutHadoopChecksum(half);
    byte[] whole = Files.readAllBytes(half);
    Files.write(half, Arrays.copyOf(whole, whole.length / 2));
    // The head and the last 8 bytes (footer length and magic) of the whole file, without what lies
    // between.
    byte[] frame = new byte[12];
    System.arraycopy(whole, 0, frame, 0, 4);
    System.arraycopy(whole, whole.length - 8, frame, 4, 8);
    Path headAndTail = Files.write(dir.resolve("frame.parquet"), frame);

    assertThat(inspect(half.toString(), headAndTail.toString())).isEqualTo(1);
    assertThat(text(err).lines())
        .containsExactly(
            "parquet-inspect: " + half + ": truncated: no PAR1 magic at the end, so no footer",
            "parquet-inspect: "
                + headAndTail
                + ": truncated: footer length points before the start of the file");
  }

  @Test
  void anEncryptedFooterNeedsKeys() throws Exception {
    Path file = dir.resolve("encrypted.parquet");
    byte[] footerKey = "0123456789012345".getBytes(StandardCharsets.US_ASCII);
    SimpleGroupFactory groups = new SimpleGroupFactory(NativeParquetExample.SCHEMA);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(output(file))
            .withType(NativeParquetExample.SCHEMA)
            .withEncryption(FileEncryptionProperties.builder(footerKey).build())
            .build()) {
      writer.write(
          groups.newGroup().append("id", 1L).append("country", "DE").append("amount", 1.0));
    }

    assertThat(inspect(file.toString())).isEqualTo(1);
    assertThat(text(err))
        .isEqualTo("parquet-inspect: " + file + ": encrypted footer: keys needed\n");
  }

  @Test
  void aDamagedPageFailsVerificationButNotTheFooterRead() throws Exception {
    Path file = sparkFile(Map.of());
    withoutHadoopChecksum(file);
    var group = ParquetFileReport.read(fileSystem(), hadoopPath(file)).rowGroups().get(0);
    var amount = group.columns().get(2);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(
          group.offset()
              + group.columns().get(0).bytes()
              + group.columns().get(1).bytes()
              + amount.bytes() / 2);
      for (int i = 0; i < 64; i++) {
        raf.write(0x5A);
      }
    }

    assertThat(inspect(file.toString())).as("the footer is intact").isZero();
    assertThat(inspect("--verify", file.toString())).isEqualTo(1);
    assertThat(text(err).lines())
        .singleElement()
        .asString()
        .startsWith("parquet-inspect: " + file + ": corrupt: row group 0");
  }

  /**
   * A changed byte inside a plain, uncompressed double still decodes (to another double): only the
   * page's CRC can tell. Verified with and without CRC checks, the same file fails and passes.
   */
  @Test
  void aPageCrcCatchesDamageThatStillDecodes() throws Exception {
    Path file = sparkFile(Map.of("compression", "none", "parquet.enable.dictionary", "false"));
    withoutHadoopChecksum(file);
    var amount =
        ParquetFileReport.read(input(file), file.toString(), true)
            .rowGroups()
            .get(0)
            .columns()
            .get(2);
    assertThat(amount.pages()).allMatch(p -> p.encoding().equals("PLAIN"));
    // The chunk's last byte is the most significant byte of its last little-endian double.
    long lastByteOfTheChunk = amount.pages().get(0).offset() + amount.bytes() - 1;
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(lastByteOfTheChunk);
      int b = raf.read();
      raf.seek(lastByteOfTheChunk);
      raf.write(b ^ 0x01);
    }
    ParquetFileReport report = ParquetFileReport.read(input(file), file.toString(), false);

    assertThat(ParquetVerifier.verify(input(file), report, false).rowsDecoded())
        .as("without CRC checks every value decodes")
        .isEqualTo(100_000);
    assertThat(inspect("--verify", file.toString())).isEqualTo(1);
    assertThat(text(err).lines())
        .singleElement()
        .asString()
        .startsWith("parquet-inspect: " + file + ": corrupt: row group 0: ")
        .contains("CRC");
  }

  @Test
  void aMissingFileAndBadUsageExitNonZero() {
    assertThat(inspect(dir.resolve("absent.parquet").toString())).isEqualTo(1);
    assertThat(text(err))
        .isEqualTo(
            "parquet-inspect: " + dir.resolve("absent.parquet") + ": no such file or directory\n");
    err.reset();
    assertThat(inspect()).isEqualTo(2);
    assertThat(text(err)).isEqualTo(ParquetInspect.USAGE + "\n");
    err.reset();
    assertThat(inspect("--head", "3", "x.parquet")).as("--head is Avro's").isEqualTo(2);
    assertThat(text(err))
        .startsWith("parquet-inspect: unknown option '--head'\n" + ParquetInspect.USAGE);
  }

  /** 100,000 orders (id, country, amount) in one file, written with the writer's options. */
  private Path sparkFile(Map<String, String> writeOptions) throws IOException {
    Path table = dir.resolve("table-" + System.nanoTime());
    ParquetSampleData.orders(spark, 100_000, 1)
        .select("id", "country", "amount")
        .coalesce(1)
        .write()
        .options(writeOptions)
        .parquet(table.toString());
    return dataFiles(table).get(0);
  }

  /** The data files Spark wrote into a local directory, listed through Hadoop as lessons do. */
  private List<Path> dataFiles(Path table) throws IOException {
    return ParquetFiles.dataFiles(fileSystem(), hadoopPath(table)).stream()
        .map(f -> Path.of(f.toUri()))
        .toList();
  }

  private FileSystem fileSystem() throws IOException {
    return Lesson.fileSystem(spark, hadoopPath(dir));
  }

  /** 1,000 orders from DE, written by parquet-hadoop with or without size statistics. */
  private Path nativeFile(String name, boolean sizeStatistics) throws IOException {
    Path file = dir.resolve(name);
    SimpleGroupFactory groups = new SimpleGroupFactory(NativeParquetExample.SCHEMA);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(output(file))
            .withType(NativeParquetExample.SCHEMA)
            .withSizeStatisticsEnabled(sizeStatistics)
            .build()) {
      for (long id = 0; id < 1_000; id++) {
        writer.write(
            groups.newGroup().append("id", id).append("country", "DE").append("amount", 1.0));
      }
    }
    return file;
  }

  /**
   * Hadoop's local file system checks every read against the {@code .crc} file it wrote beside the
   * data, and would report any damage first; without it (a file copied elsewhere), what is left are
   * Parquet's own checks.
   */
  private static void withoutHadoopChecksum(Path file) throws IOException {
    Files.delete(file.resolveSibling("." + file.getFileName() + ".crc"));
  }

  private HadoopInputFile input(Path file) throws IOException {
    return ParquetFiles.input(fileSystem(), hadoopPath(file));
  }

  private HadoopOutputFile output(Path file) throws IOException {
    return HadoopOutputFile.fromPath(hadoopPath(file), fileSystem().getConf());
  }

  @Override
  protected int run(String[] args, PrintStream out, PrintStream err) {
    return ParquetInspect.run(args, out, err);
  }
}
