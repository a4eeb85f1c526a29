package dev.sparksuite.orc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.OrcFile;
import org.apache.orc.TypeDescription;
import org.apache.orc.Writer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * OrcInspect on files from Spark, from Hive's writer, from orc-core in the old 0.11 format, and
 * from other writers (Hive 0.11, Presto) that ORC publishes; and on every way a file can be bad.
 */
class OrcInspectTest extends SparkTestBase {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void aSparkFileShowsStripesCompressionStatisticsAndBloomFilters() throws IOException {
    Path table = dir.resolve("spark");
    OrcSampleData.orders(spark, 20_000, 1).select("id", "customer_key").write()
        .option("compression", "zstd").option("orc.bloom.filter.columns", "customer_key").orc(table.toString());
    Path file = OrcFiles.dataFiles(table).get(0);

    OrcFileReport report = OrcFileReport.read(file);
    assertThat(report.rows()).isEqualTo(20_000);
    assertThat(report.compression()).isEqualTo("ZSTD");
    assertThat(report.fileVersion()).isEqualTo("0.12");
    assertThat(report.stripes()).isNotEmpty();
    assertThat(report.columns()).extracting(OrcFileReport.Column::name).containsExactly("<root>", "id", "customer_key");
    assertThat(report.columns().get(1).statistics()).contains("min: 0").contains("max: 19999");
    assertThat(report.columns().get(2).bloomFilter()).isTrue();
    assertThat(report.columns().get(1).bloomFilter()).isFalse();
    assertThat(inspect(file.toString())).as(text(err)).isZero();
    assertThat(text(out)).contains("[bloom filter]").contains("rows:         20,000");
  }

  @Test
  void aFileFromHivesWriterIsInspected() throws IOException {
    String convert = spark.conf().get("spark.sql.hive.convertMetastoreOrc", "true");
    spark.sql("CREATE DATABASE IF NOT EXISTS orc_inspect");
    spark.sql("DROP TABLE IF EXISTS orc_inspect.hive_written");
    spark.sql("CREATE TABLE orc_inspect.hive_written (id BIGINT, name STRING) STORED AS ORC");
    // Off: the INSERT goes through Hive's ORC SerDe and output format instead of Spark's writer.
    spark.conf().set("spark.sql.hive.convertMetastoreOrc", "false");
    try {
      spark.sql("INSERT INTO orc_inspect.hive_written SELECT id, concat('n', id) FROM range(500)");
    } finally {
      spark.conf().set("spark.sql.hive.convertMetastoreOrc", convert);
    }
    String location = spark.sql("DESCRIBE TABLE EXTENDED orc_inspect.hive_written").collectAsList().stream()
        .filter(r -> r.getString(0).equals("Location")).map(r -> r.getString(1)).findFirst().orElseThrow();
    List<Path> files;
    try (var listed = Files.list(Path.of(java.net.URI.create(location)))) {
      files = listed.filter(p -> !p.getFileName().toString().startsWith(".")
          && !p.getFileName().toString().startsWith("_")).toList();
    }
    assertThat(files).isNotEmpty();

    long rows = 0;
    for (Path file : files) {
      OrcFileReport report = OrcFileReport.read(file);
      assertThat(report.schema()).isEqualTo("struct<id:bigint,name:string>");
      // Hive's SerDe writes with the ORC library bundled in hive-exec, not Spark's orc-core.
      assertThat(report.softwareVersion()).startsWith("ORC Java").doesNotContain("2.2.1");
      rows += report.rows();
    }
    assertThat(rows).isEqualTo(500);
    assertThat(inspect(files.stream().map(Path::toString).toArray(String[]::new))).as(text(err)).isZero();
  }

  @Test
  void anOldFormatFileFromOrcCoreIsInspected() throws IOException {
    Path file = dir.resolve("old.orc");
    TypeDescription schema = TypeDescription.fromString("struct<id:bigint>");
    try (Writer writer = OrcFile.createWriter(new org.apache.hadoop.fs.Path(file.toUri()),
        OrcFile.writerOptions(new Configuration()).setSchema(schema).version(OrcFile.Version.V_0_11))) {
      VectorizedRowBatch batch = schema.createRowBatch();
      for (int i = 0; i < 100; i++) {
        ((LongColumnVector) batch.cols[0]).vector[batch.size++] = i;
      }
      writer.addRowBatch(batch);
    }

    OrcFileReport report = OrcFileReport.read(file);
    assertThat(report.fileVersion()).isEqualTo("0.11");
    assertThat(report.rows()).isEqualTo(100);
    assertThat(inspect(file.toString())).isZero();
  }

  /** Files from other writers that ORC ships in its test jar on Maven Central. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "orc-file-11-format.orc,       0.11, ORIGINAL,        7500",
      "orc-file-no-timezone.orc,     0.12, HIVE_8732,       2",
      "orc-file-presto-string.orc,   0.12, PRESTO_ORIGINAL, 1",
      "orc_split_elim.orc,           0.12, ORC_135,         25000",
  })
  void filesFromOtherWritersAreInspected(String name, String version, String writer, long rows) throws IOException {
    Path file = fromOrcTestJar(name);

    OrcFileReport report = OrcFileReport.read(file);
    assertThat(report.fileVersion()).isEqualTo(version);
    assertThat(report.writer()).isEqualTo(writer);
    assertThat(report.rows()).isEqualTo(rows);
    assertThat(inspect(file.toString())).as(text(err)).isZero();
  }

  @Test
  void aFileWithCorruptCompressedStreamsIsReported() throws IOException {
    Path file = fromOrcTestJar("orc_corrupt_zlib.orc");

    assertThat(inspect(file.toString())).isEqualTo(1);
    assertThat(text(err).lines()).singleElement().asString()
        .startsWith("orc-inspect: " + file + ": corrupt or unreadable");
  }

  @Test
  void aFileThatIsNotOrcIsNamedInOneLine() throws IOException {
    Path file = Files.writeString(dir.resolve("notes.orc"), "id,country\n1,DE\n");

    assertThat(inspect(file.toString())).isEqualTo(1);
    assertThat(text(err).lines()).singleElement().asString().startsWith("orc-inspect: " + file + ": not an ORC file");
  }

  @Test
  void aTruncatedFileIsReported() throws IOException {
    Path table = dir.resolve("truncated");
    OrcSampleData.orders(spark, 10_000, 1).write().orc(table.toString());
    Path file = OrcFiles.dataFiles(table).get(0);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(raf.length() / 2);
    }

    assertThat(inspect(file.toString())).isEqualTo(1);
    assertThat(text(err).lines()).singleElement().asString().startsWith("orc-inspect: " + file + ": ");
  }

  @Test
  void aMissingFileAndBadUsageExitNonZero() {
    assertThat(inspect(dir.resolve("absent.orc").toString())).isEqualTo(1);
    assertThat(text(err)).isEqualTo("orc-inspect: " + dir.resolve("absent.orc") + ": no such file\n");
    err.reset();
    assertThat(inspect()).isEqualTo(2);
    assertThat(text(err)).startsWith(OrcInspect.USAGE);
    err.reset();
    assertThat(inspect("--json")).isEqualTo(2);
    assertThat(text(err)).startsWith("orc-inspect: unknown option '--json'");
  }

  private int inspect(String... args) {
    return OrcInspect.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static String text(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private Path fromOrcTestJar(String name) throws IOException {
    try (var in = getClass().getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as("%s in orc-core's test jar", name).isNotNull();
      return Files.write(dir.resolve(name), in.readAllBytes());
    }
  }
}
