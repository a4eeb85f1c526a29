package dev.sparksuite.clusterlessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.clusterlessons.HdfsLocalityExample.Block;
import dev.sparksuite.clusterlessons.HdfsLocalityExample.Scan;
import dev.sparksuite.clusterlessons.HdfsLocalityExample.Split;
import dev.sparksuite.lessonkit.SqlConf;
import dev.sparksuite.testkit.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the locality lesson computes, on the local session and the local file system (one host, so
 * no task can be NODE_LOCAL here; the docker module's ClusterHdfsIT runs the lesson on HDFS).
 */
class HdfsLocalityExampleTest extends SparkTestBase {

  private static final long ROWS = 200_000;

  @TempDir static Path temp;

  private static String dir;
  private static List<Block> blocks;

  @BeforeAll
  static void writeTheDataset() {
    dir = temp.resolve("dataset").toUri().toString();
    // The lesson sets the row-group size for its whole application; here for the write only.
    blocks =
        SqlConf.with(
            spark,
            "parquet.block.size",
            HdfsLocalityExample.BLOCK_BYTES,
            () -> {
              try {
                return HdfsLocalityExample.write(spark, dir, ROWS, 2);
              } catch (IOException e) {
                throw new UncheckedIOException("cannot write the dataset to " + dir, e);
              }
            });
  }

  @Test
  void theScanReadsEveryRowOnceWithOneTaskPerMebibyteSplit() {
    Scan scan = scan(HdfsLocalityExample.BLOCK_BYTES);

    assertThat(blocks)
        .extracting(Block::file)
        .as("two files written")
        .hasSize(2)
        .doesNotHaveDuplicates();
    assertThat(scan.rows()).isEqualTo(ROWS);
    assertThat(scan.idSum()).as("every id once").isEqualTo(ROWS * (ROWS - 1) / 2);
    assertThat(scan.splits().stream().mapToLong(Split::rows).sum())
        .as("rows per split add up to the dataset")
        .isEqualTo(ROWS);
    assertThat(scan.splits())
        .allSatisfy(
            split -> {
              assertThat(split.length()).isLessThanOrEqualTo(HdfsLocalityExample.BLOCK_BYTES);
              assertThat(split.blockHosts())
                  .as("the local file system names its blocks' host")
                  .containsExactly("localhost");
            });
    // Each file holds two row groups of about 1 MiB: two splits per file, one task per split.
    assertThat(scan.splits()).hasSize(4);
    assertThat(scan.tasks()).as("scan tasks = splits").isEqualTo(4);
    assertThat(scan.stage().locality().values().stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(4);
  }

  /**
   * The lesson's split size is what makes one task per block: with Spark's default, one task per
   * file.
   */
  @Test
  void withSparksDefaultSplitSizeEachFileIsOneTask() {
    Scan scan = scan(128L * 1024 * 1024);

    assertThat(scan.tasks()).isEqualTo(2);
    assertThat(scan.rows()).isEqualTo(ROWS);
  }

  @Test
  void theReportPrintsEverySplitAndOneLocalityLine() {
    Scan scan = scan(HdfsLocalityExample.BLOCK_BYTES);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    HdfsLocalityExample.printScan(scan, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();

    assertThat(lines).filteredOn(l -> l.startsWith("  part-")).hasSize(4);
    assertThat(lines)
        .filteredOn(l -> l.startsWith("LOCALITY "))
        .singleElement()
        .asString()
        .startsWith("LOCALITY wait=3s tasks=4 PROCESS_LOCAL=")
        .contains("onBlockHost=0")
        .endsWith(" rows=200000 idSum=19999900000");
  }

  @Test
  void badArgumentsAreOneLineAndExitCode2() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    assertThat(HdfsLocalityExample.run(new String[0], out, errStream)).isEqualTo(2);
    assertThat(HdfsLocalityExample.run(new String[] {"/tmp/x", "many"}, out, errStream))
        .isEqualTo(2);
    assertThat(HdfsLocalityExample.run(new String[] {"/tmp/x", "10", "0"}, out, errStream))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).lines().toList())
        .containsExactly(
            "usage: HdfsLocalityExample <output-dir> [rows] [files]",
            "HdfsLocalityExample: rows and files must be whole numbers: For input string: \"many\"",
            "HdfsLocalityExample: rows and files must be at least 1");
  }

  private static Scan scan(long maxPartitionBytes) {
    return SqlConf.with(
        spark,
        "spark.sql.files.maxPartitionBytes",
        maxPartitionBytes,
        () -> {
          try {
            return HdfsLocalityExample.scan(spark, dir);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot scan " + dir, e);
          }
        });
  }
}
