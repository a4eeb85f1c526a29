package dev.sparksuite.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link PartitionDiscoveryExample}, {@link ColumnPruningExample}, {@link
 * PredicatePushdownExample}, {@link SchemaMergeExample} and {@link SaveModesExample}: each test
 * proves the fact its lesson states ({@link WriteReadExample} and {@link CompressionCodecsExample}
 * are proved for every format by SameLessonAcrossFormatsTest).
 */
class ParquetBasicsTest extends SparkTestBase {

  @TempDir Path dir;

  @Test
  void aFilterOnThePartitionColumnOpensOnlyItsDirectorysFiles() throws Exception {
    var pruning =
        PartitionDiscoveryExample.writeAndPrune(spark, hadoopPath(dir.resolve("by-country")));

    assertThat(pruning.directories())
        .containsExactly("country=DE", "country=FR", "country=NL", "country=PL", "country=SE");
    assertThat(pruning.filesWritten())
        .as("each writing task writes one file per country")
        .isEqualTo(5 * PartitionDiscoveryExample.WRITE_TASKS);
    assertThat(pruning.filesReadUnfiltered()).isEqualTo(pruning.filesWritten());
    assertThat(pruning.filesReadFiltered())
        .as("only country=DE's files are opened")
        .isEqualTo(pruning.filesInGermany())
        .isEqualTo(PartitionDiscoveryExample.WRITE_TASKS);
    assertThat(pruning.partitionsReadFiltered()).isEqualTo(1);
    assertThat(pruning.rows()).isEqualTo(PartitionDiscoveryExample.ROWS / 5);
    assertThat(pruning.partitionFilters()).contains("country").contains("= DE");
  }

  @Test
  void selectingTwoColumnsReadsOnlyThoseTwoColumnsBytes() throws Exception {
    var pruning = ColumnPruningExample.prune(spark, hadoopPath(dir.resolve("orders")));

    assertThat(pruning.columnsInFile()).isEqualTo(10);
    assertThat(pruning.readSchemaAll()).contains("note:string").contains("customer_key:string");
    assertThat(pruning.readSchemaTwo()).isEqualTo("struct<id:bigint,amount:double>");
    assertThat(pruning.bytesReadAll())
        .as("select * reads every column chunk")
        .isGreaterThanOrEqualTo(pruning.chunkBytesAll());
    assertThat(pruning.bytesReadTwo())
        .as("id and amount: their chunks plus the footer, not the other eight")
        .isGreaterThanOrEqualTo(pruning.chunkBytesTwo())
        .isLessThan(
            pruning.chunkBytesTwo()
                + (pruning.bytesReadAll() - pruning.chunkBytesAll())
                + 64 * 1024)
        .isLessThan(pruning.bytesReadAll() / 2);
    assertThat(pruning.bytesReadAllVectored())
        .as("vectored reads escape the file-system statistics")
        .isLessThan(pruning.chunkBytesTwo());
  }

  @Test
  void aSelectiveFilterOnTheSortedColumnReadsOneRowGroupOfMany() throws Exception {
    var p = PredicatePushdownExample.pushDown(spark, hadoopPath(dir.resolve("sorted")));

    assertThat(p.rowGroups()).as("1M rows in 1 MB row groups").isGreaterThanOrEqualTo(50);
    assertThat(p.rowGroupsRead())
        .as("only the row group holding ids 500,000..500,999")
        .isEqualTo(1);
    assertThat(p.matchingRows()).isEqualTo(1_000);
    assertThat(p.scanRowsNotPushed())
        .as("push-down off: every row")
        .isEqualTo(PredicatePushdownExample.ROWS);
    assertThat(p.scanRowsPushed())
        .as("Spark's scan emits exactly the kept row group's rows")
        .isEqualTo(p.rowsInRowGroupsRead());
    assertThat(p.pushedFilters())
        .contains("GreaterThanOrEqual(id,500000)")
        .contains("LessThanOrEqual(id,500999)");
  }

  @Test
  void mergeSchemaUnionsTheFootersAndFillsOldRowsWithNull() {
    var merge = SchemaMergeExample.evolve(spark, hadoopPath(dir.resolve("evolving")));

    assertThat(merge.columnsMerged()).containsExactly("id", "country", "channel", "day");
    assertThat(merge.columnsWithoutMerge())
        .doesNotContain("channel")
        .contains("id", "country", "day");
    assertThat(merge.mergedRows())
        .containsExactly(
            RowFactory.create(0L, "DE", null), RowFactory.create(1L, "FR", null),
            RowFactory.create(2L, "NL", "web"), RowFactory.create(3L, "PL", "web"));
  }

  @Test
  void saveModesRefuseAppendReplaceOrIgnore() throws Exception {
    var modes = SaveModesExample.applyModes(spark, hadoopPath(dir.resolve("modes")));

    assertThat(modes.afterFirstWrite()).isEqualTo(100);
    assertThat(modes.errorIfExistsMessage()).contains("PATH_ALREADY_EXISTS");
    assertThat(modes.afterErrorIfExists()).isEqualTo(100);
    assertThat(modes.afterAppend()).isEqualTo(110);
    assertThat(modes.filesKeptByAppend()).as("append keeps the old file").isEqualTo(1);
    assertThat(modes.afterOverwrite()).isEqualTo(5);
    assertThat(modes.filesKeptByOverwrite()).as("overwrite deletes both old files").isZero();
    assertThat(modes.afterIgnore()).as("ignore wrote nothing").isEqualTo(5);
    assertThat(modes.afterFailedOverwrite())
        .as("the failed overwrite had deleted the 5 rows before its job ran: no file is left")
        .startsWith("[UNABLE_TO_INFER_SCHEMA]");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "lzo, com.hadoop.compression.lzo.LzoCodec",
    "brotli, org.apache.hadoop.io.compress.BrotliCodec"
  })
  void aWriteWithACodecSparkDoesNotShipFailsInItsTasks(String codec, String codecClass) {
    assertThatThrownBy(
            () ->
                spark
                    .range(10)
                    .write()
                    .option("compression", codec)
                    .parquet(dir.resolve(codec).toString()))
        .as("the lesson reports this from the classpath instead of running the job")
        .hasMessageContaining("Task")
        .hasRootCauseInstanceOf(ClassNotFoundException.class)
        .rootCause()
        .hasMessageContaining(codecClass);
  }
}
