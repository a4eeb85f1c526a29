package dev.sparksuite.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PageIndexExample}: the column index skips pages inside a row group in Spark's scan. */
class PageIndexExampleTest extends SparkTestBase {

  @TempDir Path dir;

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
}
