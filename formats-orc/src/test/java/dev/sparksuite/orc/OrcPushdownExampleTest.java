package dev.sparksuite.orc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link OrcPushdownExample}: a search argument reads one row group, and Spark's scan emits only
 * that group's rows.
 */
class OrcPushdownExampleTest extends SparkTestBase {

  @TempDir Path dir;

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
}
