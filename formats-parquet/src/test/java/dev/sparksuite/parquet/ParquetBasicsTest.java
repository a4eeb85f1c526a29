package dev.sparksuite.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.parquet.CompressionCodecsExample.CodecResult;
import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lessons 1 to 7: each test proves the fact its lesson states. */
class ParquetBasicsTest extends SparkTestBase {

  @TempDir Path dir;

  @Test
  void aRoundTripKeepsColumnsTypesAndRows() {
    var trip = WriteReadExample.roundTrip(spark, dir.resolve("orders"));

    assertThat(trip.read().fieldNames()).containsExactly(trip.written().fieldNames());
    assertThat(List.of(trip.read().fields())).extracting(StructField::dataType)
        .containsExactlyElementsOf(List.of(trip.written().fields()).stream().map(StructField::dataType).toList());
    assertThat(trip.read().fields()).as("columns read from files are nullable").allMatch(StructField::nullable);
    assertThat(trip.readRows()).hasSize(1_000).containsExactlyElementsOf(trip.writtenRows());
  }

  @Test
  void eachCodecIsRecordedInTheFooterAndCompressesDifferently() {
    Map<String, CodecResult> byCodec = CompressionCodecsExample.compareCodecs(spark, dir, 50_000).stream()
        .collect(Collectors.toMap(CodecResult::requested, r -> r));

    assertThat(byCodec.get("uncompressed").footerCodecs()).containsExactly("UNCOMPRESSED");
    assertThat(byCodec.get("snappy").footerCodecs()).containsExactly("SNAPPY");
    assertThat(byCodec.get("gzip").footerCodecs()).containsExactly("GZIP");
    assertThat(byCodec.get("zstd").footerCodecs()).containsExactly("ZSTD");
    assertThat(byCodec.values()).allMatch(r -> r.rowsReadBack() == 50_000);
    long uncompressed = byCodec.get("uncompressed").bytes();
    assertThat(byCodec.get("snappy").bytes()).isLessThan(uncompressed);
    assertThat(byCodec.get("zstd").bytes()).as("zstd beats snappy on this data").isLessThan(byCodec.get("snappy").bytes());
    assertThat(byCodec.get("gzip").bytes()).isLessThan(byCodec.get("snappy").bytes());
  }

  @Test
  void aFilterOnThePartitionColumnReadsOnlyItsDirectory() {
    var pruning = PartitionDiscoveryExample.writeAndPrune(spark, dir.resolve("by-country"));

    assertThat(pruning.directories())
        .containsExactly("country=DE", "country=FR", "country=NL", "country=PL", "country=SE");
    assertThat(pruning.directoriesRead()).containsExactly("country=DE");
    assertThat(pruning.rows()).isEqualTo(2_000);
    assertThat(pruning.partitionFilters()).contains("country").contains("= DE");
  }

  @Test
  void selectingTwoColumnsReadsOnlyThoseTwo() {
    var pruning = ColumnPruningExample.prune(spark, dir.resolve("orders"));

    assertThat(pruning.columnsInFile()).isEqualTo(10);
    assertThat(pruning.readSchemaAll()).contains("note:string").contains("customer_key:string");
    assertThat(pruning.readSchemaTwo()).isEqualTo("struct<id:bigint,amount:double>");
  }

  @Test
  void aSelectiveFilterOnTheSortedColumnReadsOneRowGroupOfMany() {
    var p = PredicatePushdownExample.pushDown(spark, dir.resolve("sorted"));

    assertThat(p.rowGroups()).as("1M rows in 1 MB row groups").isGreaterThanOrEqualTo(5);
    assertThat(p.rowGroupsRead()).as("only the row group holding ids 500,000..500,999").isEqualTo(1);
    assertThat(p.matchingRows()).isEqualTo(1_000);
    assertThat(p.scanRowsNotPushed()).isEqualTo(PredicatePushdownExample.ROWS);
    assertThat(p.scanRowsPushed()).as("Spark's scan reads about one row group's rows")
        .isGreaterThanOrEqualTo(1_000).isLessThan(PredicatePushdownExample.ROWS / p.rowGroups() * 2);
    assertThat(p.pushedFilters()).contains("GreaterThanOrEqual(id,500000)").contains("LessThanOrEqual(id,500999)");
  }

  @Test
  void mergeSchemaUnionsTheFootersAndFillsOldRowsWithNull() {
    var merge = SchemaMergeExample.evolve(spark, dir.resolve("evolving"));

    assertThat(merge.columnsMerged()).containsExactly("id", "country", "channel", "day");
    assertThat(merge.columnsWithoutMerge()).doesNotContain("channel").contains("id", "country", "day");
    assertThat(merge.mergedRows()).containsExactly(
        RowFactory.create(0L, "DE", null), RowFactory.create(1L, "FR", null),
        RowFactory.create(2L, "NL", "web"), RowFactory.create(3L, "PL", "web"));
  }

  @Test
  void saveModesRefuseAppendReplaceOrIgnore() {
    var modes = SaveModesExample.applyModes(spark, dir.resolve("modes"));

    assertThat(modes.afterFirstWrite()).isEqualTo(100);
    assertThat(modes.errorIfExistsMessage()).contains("PATH_ALREADY_EXISTS");
    assertThat(modes.afterErrorIfExists()).isEqualTo(100);
    assertThat(modes.afterAppend()).isEqualTo(110);
    assertThat(modes.afterOverwrite()).isEqualTo(5);
    assertThat(modes.afterIgnore()).as("ignore wrote nothing").isEqualTo(5);
  }
}
