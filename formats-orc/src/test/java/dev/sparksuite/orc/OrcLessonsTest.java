package dev.sparksuite.orc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.orc.OrcCompressionExample.CodecResult;
import dev.sparksuite.orc.StripesAndIndexExample.Stripe;
import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/** Lessons 1 to 6: each test proves the fact its lesson states. */
class OrcLessonsTest extends SparkTestBase {

  @TempDir Path dir;

  @Test
  void aRoundTripKeepsColumnsTypesAndRows() {
    var trip = OrcWriteReadExample.roundTrip(spark, dir.resolve("orders"));

    assertThat(trip.orcSchema()).isEqualTo("struct<id:bigint,country:string,amount:double,customer_key:string,note:string>");
    assertThat(trip.read().fieldNames()).containsExactly(trip.written().fieldNames());
    assertThat(List.of(trip.read().fields())).extracting(StructField::dataType)
        .containsExactlyElementsOf(List.of(trip.written().fields()).stream().map(StructField::dataType).toList());
    assertThat(trip.readRows()).hasSize(1_000).containsExactlyElementsOf(trip.writtenRows());
  }

  @Test
  void eachCodecIsRecordedInTheTailAndCompressesDifferently() {
    Map<String, CodecResult> byCodec = OrcCompressionExample.compareCodecs(spark, dir, 50_000).stream()
        .collect(Collectors.toMap(CodecResult::requested, r -> r));

    assertThat(byCodec.get("none").tailCodecs()).containsExactly("NONE");
    assertThat(byCodec.get("zlib").tailCodecs()).containsExactly("ZLIB");
    assertThat(byCodec.get("snappy").tailCodecs()).containsExactly("SNAPPY");
    assertThat(byCodec.get("zstd").tailCodecs()).containsExactly("ZSTD");
    assertThat(byCodec.get("lz4").tailCodecs()).containsExactly("LZ4");
    assertThat(byCodec.values()).allMatch(r -> r.rowsReadBack() == 50_000);
    assertThat(byCodec.get("zstd").bytes()).isLessThan(byCodec.get("snappy").bytes());
    assertThat(byCodec.get("snappy").bytes()).isLessThan(byCodec.get("none").bytes());
  }

  @Test
  void smallStripesAndTheRowIndexStrideAreInTheFile() {
    var layout = StripesAndIndexExample.writeAndRead(spark, dir.resolve("striped"));

    assertThat(layout.rowIndexStride()).isEqualTo(StripesAndIndexExample.INDEX_STRIDE);
    assertThat(layout.stripes()).hasSizeGreaterThan(1);
    assertThat(layout.stripes().stream().mapToLong(Stripe::rows).sum()).isEqualTo(StripesAndIndexExample.ROWS);
    assertThat(layout.stripes().get(0).minId()).isZero();
    for (int i = 1; i < layout.stripes().size(); i++) {
      assertThat(layout.stripes().get(i).minId()).as("sorted ids: stripe %d starts where %d ended", i, i - 1)
          .isEqualTo(layout.stripes().get(i - 1).maxId() + 1);
    }
  }

  @Test
  void aSearchArgumentReadsOneRowGroupAndSparkPushesTheSameFilter() {
    var p = OrcPushdownExample.pushDown(spark, dir.resolve("sorted"));

    assertThat(p.rowsReadByOrcCore()).as("one 10,000-row group").isEqualTo(10_000);
    assertThat(p.matchingRows()).isEqualTo(1_000);
    assertThat(p.scanRowsNotPushed()).isEqualTo(OrcPushdownExample.ROWS);
    assertThat(p.scanRowsPushed()).isLessThanOrEqualTo(10_000).isGreaterThanOrEqualTo(1_000);
  }

  @Test
  void aBloomFilterSkipsRowGroupsMinMaxCannot() {
    var lookup = OrcBloomFilterExample.lookUp(spark, dir);

    assertThat(lookup.bloomInPlainFile()).isFalse();
    assertThat(lookup.bloomInBloomFile()).isTrue();
    assertThat(lookup.rowsReadWithoutBloom()).as("min/max of a hash column rule nothing out").isEqualTo(lookup.rows());
    assertThat(lookup.rowsReadWithBloom()).as("only the row group that holds the key").isEqualTo(10_000);
  }

  @Test
  void complexTypesRoundTripAndOneStructFieldIsReadAlone() {
    var nested = OrcNestedTypesExample.writeAndPrune(spark, dir.resolve("nested"));

    assertThat(nested.orcSchema()).isEqualTo(
        "struct<id:bigint,customer:struct<name:string,city:string>,items:array<bigint>,tags:map<string,string>>");
    Row one = nested.rows().get(1);
    assertThat(one.getStruct(1).getString(0)).isEqualTo("customer 1");
    assertThat(one.getList(2)).containsExactly(10L, 11L);
    assertThat(CollectionConverters.asJava(one.<String, String>getMap(3)))
        .containsExactlyInAnyOrderEntriesOf(Map.of("channel", "web", "priority", "1"));
    assertThat(nested.readSchemaOfCity()).isEqualTo("struct<customer:struct<city:string>>");
  }
}
