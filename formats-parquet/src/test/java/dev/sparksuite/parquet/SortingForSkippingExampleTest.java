package dev.sparksuite.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SortingForSkippingExample}: sorting on the filtered column makes min/max skip. */
class SortingForSkippingExampleTest extends SparkTestBase {

  @TempDir Path dir;

  @Test
  void theSameFilterReadsOneRowGroupOfFortyOnlyWhenTheRowsAreSortedOnItsColumn() throws Exception {
    List<SortingForSkippingExample.Layout> layouts =
        SortingForSkippingExample.compare(spark, hadoopPath(dir));
    var unsorted = layouts.get(0);
    var sorted = layouts.get(1);
    var range = layouts.get(2);
    long perStore = SortingForSkippingExample.ROWS / SortingForSkippingExample.STORES;

    assertThat(layouts).allSatisfy(l -> assertThat(l.matchingRows()).isEqualTo(perStore));
    assertThat(unsorted.rowGroups()).isEqualTo(40);
    assertThat(unsorted.rowGroupsRead())
        .as("id order: every row group holds stores 0..999")
        .isEqualTo(40);
    assertThat(unsorted.scanRows()).isEqualTo(SortingForSkippingExample.ROWS);
    assertThat(sorted.rowGroups()).isEqualTo(40);
    assertThat(sorted.rowGroupsRead())
        .as("sorted: store 500 is rows 200,000..200,399, row group 20 alone")
        .isEqualTo(1);
    assertThat(sorted.scanRows())
        .as("Spark's scan emits that row group's rows")
        .isEqualTo(SortingForSkippingExample.ROWS_PER_ROW_GROUP);
    assertThat(range.files()).isEqualTo(SortingForSkippingExample.RANGES);
    assertThat(range.rowGroupsRead())
        .as("whole stores per file, runs of 400 inside rows groups of 10,000")
        .isEqualTo(1);
    assertThat(range.scanRows())
        .isEqualTo(range.rowsInRowGroupsRead())
        .isLessThanOrEqualTo(SortingForSkippingExample.ROWS_PER_ROW_GROUP);
  }
}
