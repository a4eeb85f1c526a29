package dev.sparksuite.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lesson 12 and the inspector, on good files and on every way a file can be bad. */
class ParquetInspectTest extends SparkTestBase {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void theFooterHoldsSchemaRowGroupsCodecsAndStatistics() {
    ParquetFileReport report = FooterInspectionExample.writeAndInspect(spark, dir.resolve("orders"));

    assertThat(report.rows()).isEqualTo(100_000);
    assertThat(report.createdBy()).startsWith("parquet-mr version 1.16.0");
    assertThat(report.schema()).contains("required int64 id").contains("binary country (STRING)");
    assertThat(report.keyValueMetadata()).containsKey("org.apache.spark.sql.parquet.row.metadata");
    assertThat(report.rowGroups()).hasSize(1);
    var id = report.rowGroups().get(0).columns().get(0);
    assertThat(id.path()).isEqualTo("id");
    assertThat(id.codec()).isEqualTo("ZSTD");
    assertThat(id.min()).isEqualTo("0");
    assertThat(id.max()).isEqualTo("99999");
    assertThat(id.nulls()).isZero();
    assertThat(report.rowGroups().get(0).columns()).extracting(ParquetFileReport.Column::codec).containsOnly("ZSTD");
  }

  @Test
  void inspectsAndVerifiesASparkFile() {
    Path file = sparkFile();

    int exit = inspect("--verify", file.toString());

    assertThat(exit).as(text(err)).isZero();
    assertThat(text(out)).contains("rows:        100,000 in 1 row group(s)")
        .contains("verified:    every page read and 100,000 records decoded")
        .contains("column-index").contains("offset-index");
  }

  @Test
  void inspectsAFileWrittenByParquetHadoopDirectly() {
    Path file = dir.resolve("native.parquet");
    NativeParquetExample.write(file, NativeParquetExample.orders(10));

    assertThat(inspect("--verify", file.toString())).as(text(err)).isZero();
    assertThat(text(out)).contains("required int64 id").contains("10 records decoded");
  }

  @Test
  void aFileThatIsNotParquetIsNamedInOneLine() throws IOException {
    Path file = Files.writeString(dir.resolve("notes.parquet"), "id,country\n1,DE\n");

    assertThat(inspect(file.toString())).isEqualTo(1);
    assertThat(text(err).lines()).singleElement().asString()
        .startsWith("parquet-inspect: " + file + ": not a Parquet file");
  }

  @Test
  void aTruncatedFileIsReported() throws IOException {
    Path file = sparkFile();
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(raf.length() / 2);
    }

    assertThat(inspect(file.toString())).isEqualTo(1);
    assertThat(text(err).lines()).singleElement().asString().startsWith("parquet-inspect: " + file + ": ");
  }

  @Test
  void aDamagedPageFailsVerificationButNotTheFooterRead() throws IOException {
    Path file = sparkFile();
    ParquetFileReport report = inspect(file);
    long page = report.rowGroups().get(0).columns().get(2).compressedBytes() / 2
        + report.rowGroups().get(0).startOffset() + report.rowGroups().get(0).columns().get(0).compressedBytes()
        + report.rowGroups().get(0).columns().get(1).compressedBytes();
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(page);
      for (int i = 0; i < 64; i++) {
        raf.write(0x5A);
      }
    }

    assertThat(inspect(file.toString())).as("the footer is intact").isZero();
    err.reset();
    assertThat(inspect("--verify", file.toString())).isEqualTo(1);
    assertThat(text(err).lines()).singleElement().asString()
        .startsWith("parquet-inspect: " + file + ": corrupt or unreadable");
  }

  @Test
  void aMissingFileAndBadUsageExitNonZero() {
    assertThat(inspect(dir.resolve("absent.parquet").toString())).isEqualTo(1);
    assertThat(text(err)).isEqualTo("parquet-inspect: " + dir.resolve("absent.parquet") + ": no such file\n");
    err.reset();
    assertThat(inspect()).isEqualTo(2);
    assertThat(text(err)).startsWith(ParquetInspect.USAGE);
    err.reset();
    assertThat(inspect("--json", "x.parquet")).isEqualTo(2);
    assertThat(text(err)).startsWith("parquet-inspect: unknown option '--json'");
  }

  private Path sparkFile() {
    Path table = dir.resolve("table");
    SampleData.orders(spark, 100_000, 1).select("id", "country", "amount").write().parquet(table.toString());
    return ParquetFooters.dataFiles(table).get(0);
  }

  private static ParquetFileReport inspect(Path file) throws IOException {
    return ParquetInspect.inspect(file);
  }

  private int inspect(String... args) {
    return ParquetInspect.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static String text(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
