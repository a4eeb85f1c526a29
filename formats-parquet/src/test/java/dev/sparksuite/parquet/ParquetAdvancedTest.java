package dev.sparksuite.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.parquet.LayoutTuningExample.Layout;
import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/** Lessons 8 to 11. */
class ParquetAdvancedTest extends SparkTestBase {

  @TempDir Path dir;

  @Test
  void smallerRowGroupsMakeMoreOfThemAndDictionaryEncodingShrinksLowCardinalityColumns() {
    Map<String, Layout> layouts = LayoutTuningExample.compareLayouts(spark, dir, 300_000).stream()
        .collect(Collectors.toMap(Layout::name, l -> l));

    assertThat(layouts.get("defaults").rowGroups()).isEqualTo(1);
    assertThat(layouts.get("1 MB row groups").rowGroups()).isGreaterThan(2);
    assertThat(layouts.get("defaults").countryEncodings()).as("v1 pages name dictionary encoding so")
        .contains("PLAIN_DICTIONARY");
    assertThat(layouts.get("dictionary off").countryEncodings()).doesNotContain("RLE_DICTIONARY", "PLAIN_DICTIONARY");
    assertThat(layouts.get("dictionary off").bytes()).as("dictionary off is larger")
        .isGreaterThan(layouts.get("defaults").bytes());
    assertThat(layouts.get("64 KB pages").bytes()).as("more pages, more headers and less compression context")
        .isGreaterThanOrEqualTo(layouts.get("defaults").bytes());
  }

  @Test
  void aBloomFilterSkipsRowGroupsThatMinMaxCannot() {
    var lookup = BloomFilterExample.lookUp(spark, dir.resolve("bloom"));

    assertThat(lookup.rowGroups()).isGreaterThan(2);
    assertThat(lookup.rowGroupsWithBloomFilter()).as("one filter per row group").isEqualTo(lookup.rowGroups());
    assertThat(lookup.readWithStatistics()).as("hash keys span the range in every row group")
        .isEqualTo(lookup.rowGroups());
    assertThat(lookup.readWithBloomFilter()).isEqualTo(1);
    assertThat(lookup.matchingRows()).isEqualTo(1);
  }

  @Test
  void theColumnIndexSkipsPagesInsideARowGroup() {
    var pages = PageIndexExample.skipPages(spark, dir.resolve("paged"));

    assertThat(pages.rowGroups()).isEqualTo(1);
    assertThat(pages.indexesPresent()).isTrue();
    assertThat(pages.rowsAfterPageFilter()).as("one or two 1,000-row pages, not 200,000 rows")
        .isGreaterThanOrEqualTo(100).isLessThanOrEqualTo(2L * PageIndexExample.ROWS_PER_PAGE);
  }

  @Test
  void nestedTypesRoundTripAndOneStructFieldIsReadAlone() {
    var nested = NestedTypesExample.writeAndPrune(spark, dir.resolve("nested"));

    assertThat(nested.leafColumns()).containsExactly("id", "customer.name", "customer.city",
        "items.list.element", "tags.key_value.key", "tags.key_value.value");
    assertThat(nested.schema()).isEqualTo(
        "struct<id:bigint,customer:struct<name:string,city:string>,items:array<bigint>,tags:map<string,string>>");
    Row first = nested.rows().get(1);
    assertThat(first.getLong(0)).isEqualTo(1);
    assertThat(first.getStruct(1).getString(0)).isEqualTo("customer 1");
    assertThat(first.getList(2)).containsExactly(10L, 11L);
    assertThat(CollectionConverters.asJava(first.<String, String>getMap(3)))
        .containsExactlyInAnyOrderEntriesOf(Map.of("channel", "web", "priority", "1"));
    assertThat(nested.readSchemaOfCity()).isEqualTo("struct<customer:struct<city:string>>");
    assertThat(nested.rows()).hasSize(3);
  }
}
