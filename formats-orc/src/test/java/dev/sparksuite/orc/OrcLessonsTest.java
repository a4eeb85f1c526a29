package dev.sparksuite.orc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.lessonkit.NestedPruning;
import dev.sparksuite.lessonkit.SqlConf;
import dev.sparksuite.orc.StripesAndIndexExample.Stripe;
import dev.sparksuite.testkit.SparkTestBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/**
 * {@link OrcCompressionExample}, {@link StripesAndIndexExample}, {@link OrcPushdownExample}, {@link
 * OrcBloomFilterExample} and {@link OrcNestedTypesExample}: each test proves the fact its lesson
 * states ({@link OrcWriteReadExample} is proved for every format by SameLessonAcrossFormatsTest).
 */
class OrcLessonsTest extends SparkTestBase {

  @TempDir Path dir;

  @Test
  void sparkWritesZstdWhenNoCodecIsGiven() throws Exception {
    var d = OrcCompressionExample.defaultCodec(spark, hadoopPath(dir.resolve("default")));

    assertThat(d.sessionSetting()).isEqualTo("zstd");
    assertThat(d.tailCodecs())
        .as("spark.sql.orc.compression.codec defaults to zstd in Spark 4.1.1")
        .containsExactly("ZSTD");
  }

  @Test
  void sparksSettingDecidesTheCodecNotOrcCoresDefault() {
    // orc-core's own default (orc.compress) is zstd too: only changing Spark's setting shows
    // which one a write without an option follows.
    var d =
        SqlConf.with(
            spark,
            "spark.sql.orc.compression.codec",
            "snappy",
            () -> {
              try {
                return OrcCompressionExample.defaultCodec(
                    spark, hadoopPath(dir.resolve("session-snappy")));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });

    assertThat(d.sessionSetting()).isEqualTo("snappy");
    assertThat(d.tailCodecs()).containsExactly("SNAPPY");
  }

  @Test
  void smallStripesAndTheRowIndexStrideAreInTheFile() {
    var layout = StripesAndIndexExample.writeAndRead(spark, hadoopPath(dir.resolve("striped")));

    assertThat(layout.rowIndexStride()).isEqualTo(StripesAndIndexExample.INDEX_STRIDE);
    assertThat(layout.stripes()).hasSizeGreaterThan(1);
    assertThat(layout.columns()).as("root struct and five columns").isEqualTo(6);
    assertThat(layout.footerStatistics())
        .as("the footer: one file-level entry per column, none per stripe")
        .isEqualTo(layout.columns());
    assertThat(layout.stripeStatistics())
        .as("the metadata section: one entry per stripe")
        .isEqualTo(layout.stripes().size());
    assertThat(layout.metadataBytes()).isPositive();
    assertThat(layout.stripes().stream().mapToLong(Stripe::rows).sum())
        .isEqualTo(StripesAndIndexExample.ROWS);
    assertThat(layout.stripes().get(0).minId()).isZero();
    for (int i = 1; i < layout.stripes().size(); i++) {
      assertThat(layout.stripes().get(i).minId())
          .as("sorted ids: stripe %d starts where %d ended", i, i - 1)
          .isEqualTo(layout.stripes().get(i - 1).maxId() + 1);
    }
  }

  @Test
  void theStripeSizeBoundsCompressedBytesSoACompressedStripeHoldsMoreRows() {
    var zstd = StripesAndIndexExample.writeAndRead(spark, hadoopPath(dir.resolve("zstd")), "zstd");
    var none = StripesAndIndexExample.writeAndRead(spark, hadoopPath(dir.resolve("none")), "none");

    assertThat(zstd.stripes().get(0).rows())
        .as("buffers are compressed as they fill, and the estimate counts what they compressed to")
        .isGreaterThan(none.stripes().get(0).rows());
    assertThat(zstd.stripes()).hasSizeLessThan(none.stripes().size());
  }

  @Test
  void aSearchArgumentReadsOneRowGroupAndSparksScanEmitsOnlyThatGroup() throws Exception {
    var p = OrcPushdownExample.pushDown(spark, hadoopPath(dir.resolve("sorted")));

    assertThat(p.rowsReadByOrcCore()).as("one 10,000-row group").isEqualTo(10_000);
    assertThat(p.matchingRows()).isEqualTo(1_000);
    assertThat(p.pushedFilters())
        .contains("GreaterThanOrEqual(id,250000)")
        .contains("LessThanOrEqual(id,250999)");
    assertThat(p.scanRowsPushed())
        .as("spark.sql.orc.filterPushdown on: the one row group 250,000..259,999")
        .isEqualTo(10_000);
    assertThat(p.scanRowsNotPushed())
        .as("off: every row of the file")
        .isEqualTo(OrcPushdownExample.ROWS);
  }

  @Test
  void aBloomFilterSkipsRowGroupsMinMaxCannot() throws Exception {
    var lookup = OrcBloomFilterExample.lookUp(spark, hadoopPath(dir));

    assertThat(lookup.bloomInPlainFile()).isFalse();
    assertThat(lookup.bloomInBloomFile()).isTrue();
    assertThat(lookup.rowsReadWithoutBloom())
        .as("min/max of a hash column rule nothing out")
        .isEqualTo(lookup.rows());
    assertThat(lookup.rowsReadWithBloom())
        .as("only the row group that holds the key")
        .isEqualTo(10_000);
    assertThat(lookup.scanRowsWithoutBloom())
        .as("Spark's scan, no bloom filter: all 20 row groups")
        .isEqualTo(OrcBloomFilterExample.ROWS);
    assertThat(lookup.scanRowsWithBloom())
        .as("Spark's scan with the bloom filter: 1 of 20 row groups")
        .isEqualTo(10_000);
  }

  @Test
  void complexTypesRoundTripAndOneStructFieldIsReadAlone() throws Exception {
    var nested = OrcNestedTypesExample.writeAndPrune(spark, hadoopPath(dir.resolve("nested")));

    assertThat(nested.orcSchema())
        .isEqualTo(
            "struct<id:bigint,customer:struct<name:string,city:string>,items:array<bigint>,tags:map<string,string>>");
    Row one = nested.rows().get(1);
    assertThat(one.getStruct(1).getString(0)).isEqualTo("customer 1");
    assertThat(one.getList(2)).containsExactly(10L, 11L);
    assertThat(CollectionConverters.asJava(one.<String, String>getMap(3)))
        .containsExactlyInAnyOrderEntriesOf(Map.of("channel", "web", "priority", "1"));
    assertThat(nested.readSchemaOfCity()).isEqualTo("struct<customer:struct<city:string>>");
  }

  /**
   * The bytes cannot be counted here: orc-core 2.2.1 reads stripes with Hadoop's vectored reads,
   * which the tasks' input metrics do not see on the local file system. What the scan asks orc-core
   * for is in its ReadSchema, and the setting changes it.
   */
  @Test
  void withoutNestedSchemaPruningTheScanAsksForTheWholeStruct() {
    var nested =
        SqlConf.with(
            spark,
            NestedPruning.SETTING,
            false,
            () -> {
              try {
                return OrcNestedTypesExample.writeAndPrune(
                    spark, hadoopPath(dir.resolve("unpruned")));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });

    assertThat(nested.readSchemaOfCity())
        .isEqualTo("struct<customer:struct<name:string,city:string>>");
  }
}
