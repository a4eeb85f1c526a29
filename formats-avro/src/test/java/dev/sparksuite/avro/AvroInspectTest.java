package dev.sparksuite.avro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.Command;
import dev.sparksuite.testkit.Command.Result;
import dev.sparksuite.testkit.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AvroInspect on files from Spark, from the Java library, from avsc (JavaScript), and on bad files. */
class AvroInspectTest extends SparkTestBase {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void aSparkFileShowsSchemaCodecBlocksAndRecords() throws IOException {
    Path table = dir.resolve("spark");
    AvroSampleData.orders(spark, 20_000, 1).write().format("avro").option("compression", "deflate")
        .save(table.toString());
    Path file = AvroFiles.dataFiles(table).get(0);

    AvroInspect.Report report = AvroInspect.inspect(file);
    assertThat(report.codec()).isEqualTo("deflate");
    assertThat(report.records()).isEqualTo(20_000);
    assertThat(report.blocks()).as("Spark's writer flushes a block every 64 KB or so").isGreaterThan(1);
    assertThat(report.schemaJson()).contains("\"name\" : \"topLevelRecord\"");
    assertThat(inspect(file.toString())).as(text(err)).isZero();
    assertThat(text(out)).contains("records:  20,000 in");
  }

  @Test
  void aFileFromTheJavaScriptImplementationIsInspectedAndReadBySpark() throws Exception {
    Path file = writeWithAvsc(dir.resolve("readings.avro"));

    AvroInspect.Report report = AvroInspect.inspect(file);
    assertThat(report.codec()).isEqualTo("deflate");
    assertThat(report.records()).isEqualTo(100);
    assertThat(report.schemaJson()).contains("js.sensors");
    assertThat(inspect(file.toString())).as(text(err)).isZero();
    assertThat(spark.read().format("avro").load(file.toString()).where("value IS NULL").count()).isEqualTo(10);
  }

  @Test
  void aFileThatIsNotAvroIsNamedInOneLine() throws IOException {
    Path file = Files.writeString(dir.resolve("notes.avro"), "id,country\n1,DE\n");

    assertThat(inspect(file.toString())).isEqualTo(1);
    assertThat(text(err).lines()).singleElement().asString()
        .startsWith("avro-inspect: " + file + ": not an Avro data file");
  }

  @Test
  void aDamagedBlockIsReported() throws IOException {
    Path file = dir.resolve("orders.avro");
    NativeAvroExample.writeGeneric(file, NativeAvroExample.orders(2_000));
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(raf.length() / 2);
      for (int i = 0; i < 32; i++) {
        raf.write(0xFF);
      }
    }

    assertThat(inspect(file.toString())).isEqualTo(1);
    assertThat(text(err).lines()).singleElement().asString()
        .startsWith("avro-inspect: " + file + ": corrupt or unreadable");
  }

  @Test
  void aMissingFileAndBadUsageExitNonZero() {
    assertThat(inspect(dir.resolve("absent.avro").toString())).isEqualTo(1);
    assertThat(text(err)).isEqualTo("avro-inspect: " + dir.resolve("absent.avro") + ": no such file\n");
    err.reset();
    assertThat(inspect()).isEqualTo(2);
    assertThat(text(err)).startsWith(AvroInspect.USAGE);
  }

  /** Installs avsc from the npm registry into a scratch directory and runs the writer script. */
  private Path writeWithAvsc(Path file) throws Exception {
    Path node = dir.resolve("node");
    Files.createDirectories(node);
    Result install = Command.run(List.of("npm", "install", "--prefix", node.toString(), "--no-audit", "--no-fund",
        "avsc@5.7.7"), Map.of(), Duration.ofMinutes(3));
    assertThat(install.exitCode()).as("npm is needed for this test:%n%s", install.describe()).isZero();
    Path script = Path.of("src/test/js/write-readings.js").toAbsolutePath();
    Result write = Command.run(List.of("node", script.toString(), file.toString()),
        Map.of("NODE_PATH", node.resolve("node_modules").toString()), Duration.ofMinutes(1));
    assertThat(write.exitCode()).as(write.describe()).isZero();
    return file;
  }

  private int inspect(String... args) {
    return AvroInspect.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static String text(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
