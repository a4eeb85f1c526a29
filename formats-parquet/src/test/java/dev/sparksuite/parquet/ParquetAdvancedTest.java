package dev.sparksuite.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.parquet.BloomFilterExample.Lookup;
import dev.sparksuite.parquet.LayoutTuningExample.Layout;
import dev.sparksuite.parquet.TimestampTypesExample.Written;
import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.parquet.column.values.bloomfilter.BlockSplitBloomFilter;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/**
 * {@link LayoutTuningExample}, {@link BloomFilterExample}, {@link PageIndexExample}, {@link
 * NestedTypesExample} and {@link TimestampTypesExample}.
 */
class ParquetAdvancedTest extends SparkTestBase {

  @TempDir Path dir;

  @Test
  void smallerRowGroupsAndPagesMakeMoreOfThemAndDictionaryEncodingShrinksLowCardinalityColumns()
      throws Exception {
    Map<String, Layout> layouts =
        LayoutTuningExample.compareLayouts(spark, hadoopPath(dir), 300_000).stream()
            .collect(Collectors.toMap(Layout::name, l -> l));

    assertThat(layouts.get("defaults").rowGroups()).isEqualTo(1);
    assertThat(layouts.get("1 MB row groups").rowGroups()).isGreaterThan(2);
    assertThat(layouts.get("defaults").idPages())
        .as("1 MB pages end at the 20,000-row limit first: 300,000 / 20,000")
        .isEqualTo(15);
    assertThat(layouts.get("64 KB pages").idPages())
        .as("64 KB pages hold at most 8,192 plain longs")
        .isGreaterThanOrEqualTo(300_000 / 8_192);
    assertThat(layouts.get("defaults").countryEncodings())
        .as("v1 pages name dictionary encoding so")
        .contains("PLAIN_DICTIONARY");
    assertThat(layouts.get("dictionary off").countryEncodings())
        .doesNotContain("RLE_DICTIONARY", "PLAIN_DICTIONARY");
    assertThat(layouts.get("dictionary off").bytes())
        .as("dictionary off is larger")
        .isGreaterThan(layouts.get("defaults").bytes());
  }

  @Test
  void aBloomFilterSizedPerRowGroupSkipsRowGroupsThatMinMaxCannot() throws Exception {
    List<Lookup> lookups = BloomFilterExample.compareSizing(spark, hadoopPath(dir));
    Lookup perRowGroup = lookups.get(0);
    Lookup perFile = lookups.get(1);
    int rowGroups = (int) (BloomFilterExample.ROWS / BloomFilterExample.ROWS_PER_ROW_GROUP);

    for (Lookup lookup : lookups) {
      assertThat(lookup.rowGroups()).isEqualTo(rowGroups);
      assertThat(lookup.rowGroupsWithBloomFilter())
          .as("one filter per row group")
          .isEqualTo(rowGroups);
      assertThat(lookup.readWithStatistics())
          .as("hash keys span the range in every row group")
          .isEqualTo(rowGroups);
      assertThat(lookup.readWithBloomFilter()).isEqualTo(1);
      assertThat(lookup.scanRowsWithBloom())
          .as("Spark's scan: the one row group the filter cannot rule out")
          .isEqualTo(BloomFilterExample.ROWS_PER_ROW_GROUP);
      assertThat(lookup.scanRowsWithoutBloom())
          .as("parquet.filter.bloom.enabled=false: nothing skipped")
          .isEqualTo(BloomFilterExample.ROWS);
      assertThat(lookup.matchingRows()).isEqualTo(1);
    }
    // The footer's length covers a filter's small header and its bitset; the bitset for 50,000 keys
    // at 1% is 65,536 bytes (a power of two), for 400,000 keys eight times that.
    long bitset =
        2
            * Long.highestOneBit(
                BlockSplitBloomFilter.optimalNumOfBits(BloomFilterExample.ROWS_PER_ROW_GROUP, 0.01)
                    / 8);
    long header = perRowGroup.bloomFilterBytes() / rowGroups - bitset;
    assertThat(header)
        .as("each filter: the bitset for 50,000 keys at 1%% plus a header")
        .isBetween(0L, 64L);
    assertThat(perFile.bloomFilterBytes() / rowGroups)
        .as("expected.ndv sized for the file: 8 times the keys, 8 times the bitset")
        .isEqualTo(8 * bitset + header);
  }

  @Test
  void theColumnIndexSkipsPagesInsideARowGroupInSparksScan() throws Exception {
    var pages = PageIndexExample.skipPages(spark, hadoopPath(dir.resolve("paged")));

    assertThat(pages.rowGroups()).isEqualTo(1);
    assertThat(pages.idPagesPerRowGroup())
        .as("200,000 rows in pages of 1,000")
        .containsExactly((int) (PageIndexExample.ROWS / PageIndexExample.ROWS_PER_PAGE));
    assertThat(pages.indexesPresent()).isTrue();
    assertThat(pages.rowsAfterPageFilter())
        .as("ids 100,000..100,099 sit in one 1,000-row page")
        .isEqualTo(PageIndexExample.ROWS_PER_PAGE);
    assertThat(pages.scanRowsWithIndex())
        .as("Spark's scan emits only the rows of that page")
        .isEqualTo(pages.rowsAfterPageFilter());
    assertThat(pages.scanRowsWithoutIndex())
        .as("column index off: the whole row group")
        .isEqualTo(PageIndexExample.ROWS);
  }

  @Test
  void int96TimestampsHaveNoStatisticsSoATimeFilterSkipsNothingWhileMicrosSkips() throws Exception {
    Map<String, Written> byType =
        TimestampTypesExample.compare(spark, hadoopPath(dir)).stream()
            .collect(Collectors.toMap(Written::outputTimestampType, w -> w));
    long rowsPerRowGroup = TimestampTypesExample.ROWS_PER_ROW_GROUP;

    Written int96 = byType.get("INT96");
    assertThat(int96.ts().parquetType()).isEqualTo("INT96");
    assertThat(int96.ts().rowGroups()).isGreaterThan(1);
    assertThat(int96.ts().rowGroupsWithMinMax())
        .as("parquet-java writes no min/max for INT96, in any row group")
        .isZero();
    assertThat(int96.ts().scanRowsForOneHour())
        .as("nothing to skip by")
        .isEqualTo(TimestampTypesExample.ROWS);

    Written micros = byType.get("TIMESTAMP_MICROS");
    assertThat(micros.ts().parquetType()).isEqualTo("INT64 TIMESTAMP(MICROS,true)");
    assertThat(micros.ts().rowGroupsWithMinMax()).isEqualTo(micros.ts().rowGroups());
    assertThat(micros.ts().scanRowsForOneHour())
        .as("one hour lies inside one page of at most 20,000 rows")
        .isBetween(TimestampTypesExample.FILTER_ROWS, 20_000L);
    assertThat(byType.get("TIMESTAMP_MILLIS").ts().parquetType())
        .isEqualTo("INT64 TIMESTAMP(MILLIS,true)");
    assertThat(byType.get("TIMESTAMP_MILLIS").ts().scanRowsForOneHour())
        .isLessThanOrEqualTo(rowsPerRowGroup);

    for (Written w : byType.values()) {
      assertThat(w.matchingRows()).isEqualTo(TimestampTypesExample.FILTER_ROWS);
      assertThat(w.tsNtz().parquetType())
          .as("TIMESTAMP_NTZ ignores outputTimestampType")
          .isEqualTo("INT64 TIMESTAMP(MICROS,false)");
      assertThat(w.tsNtz().rowGroupsWithMinMax()).isEqualTo(w.tsNtz().rowGroups());
      assertThat(w.tsNtz().scanRowsForOneHour())
          .as("Spark 4.1.1 pushes no filter on TIMESTAMP_NTZ to Parquet")
          .isEqualTo(TimestampTypesExample.ROWS);
    }
  }

  @Test
  void nestedTypesRoundTripAndOneStructFieldIsReadAlone() throws Exception {
    var nested = NestedTypesExample.writeAndPrune(spark, hadoopPath(dir.resolve("nested")));

    assertThat(nested.leafColumns())
        .containsExactly(
            "id",
            "customer.name",
            "customer.city",
            "items.list.element",
            "tags.key_value.key",
            "tags.key_value.value");
    assertThat(nested.schema())
        .isEqualTo(
            "struct<id:bigint,customer:struct<name:string,city:string>,items:array<bigint>,tags:map<string,string>>");
    Row first = nested.rows().get(1);
    assertThat(first.getLong(0)).isEqualTo(1);
    assertThat(first.getStruct(1).getString(0)).isEqualTo("customer 1");
    assertThat(first.getList(2)).containsExactly(10L, 11L);
    assertThat(CollectionConverters.asJava(first.<String, String>getMap(3)))
        .containsExactlyInAnyOrderEntriesOf(Map.of("channel", "web", "priority", "1"));
    assertThat(nested.readSchemaOfCity()).isEqualTo("struct<customer:struct<city:string>>");
    assertThat(nested.rows()).hasSize(3);
    assertThat(nested.pruning().withPruning())
        .as(
            "the city leaf alone, against the whole struct with its long names: %s",
            nested.pruning())
        .isLessThan(nested.pruning().withoutPruning() / 10);
  }
}
