package dev.sparksuite.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PredicatePushdownExample}: a selective filter on the sorted column reads one row group of
 * many, with push-down on and every row with it off.
 */
class PredicatePushdownExampleTest extends SparkTestBase {

  @TempDir Path dir;

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
}
