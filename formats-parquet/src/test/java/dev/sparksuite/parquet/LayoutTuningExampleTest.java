package dev.sparksuite.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.parquet.LayoutTuningExample.Layout;
import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LayoutTuningExample}: row-group and page sizes, and dictionary encoding. */
class LayoutTuningExampleTest extends SparkTestBase {

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
}
