package dev.sparksuite.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.lessonkit.Lesson;
import dev.sparksuite.parquet.VariantShreddingExample.Filtering;
import dev.sparksuite.parquet.VariantShreddingExample.Footer;
import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link VariantShreddingExample}: what VARIANT shredding writes, and which reader skips by it. */
class VariantShreddingExampleTest extends SparkTestBase {

  private static final long ROWS = 1_000_000;

  @TempDir static Path dir;

  private static org.apache.hadoop.fs.Path shreddedPath;
  private static org.apache.hadoop.fs.Path plainPath;
  private static Footer shredded;
  private static Footer plain;

  @BeforeAll
  static void writeVariantFiles() throws Exception {
    shreddedPath = hadoopPath(dir.resolve("shredded"));
    plainPath = hadoopPath(dir.resolve("unshredded"));
    shredded = VariantShreddingExample.write(spark, shreddedPath, true);
    plain = VariantShreddingExample.write(spark, plainPath, false);
  }

  @Test
  void shreddingWritesTheIdFieldAsATypedLeafWithStatistics() {
    assertThat(shredded.leafColumns())
        .containsExactly(
            "id",
            "v.metadata",
            "v.value",
            "v.typed_value.id.value",
            "v.typed_value.id.typed_value",
            "v.typed_value.note.value",
            "v.typed_value.note.typed_value",
            "v.typed_value.price.value",
            "v.typed_value.price.typed_value",
            "v.typed_value.sku.value",
            "v.typed_value.sku.typed_value");
    assertThat(shredded.firstIdStatistics())
        .as("ids sorted: row group 0 starts at id 0")
        .startsWith("min 0, max ");
    assertThat(plain.leafColumns())
        .as("unshredded: two binaries")
        .containsExactly("id", "v.value", "v.metadata");
    assertThat(plain.firstIdStatistics()).isEmpty();
    assertThat(shredded.rowGroups()).as("1 MB row groups: dozens of them").isGreaterThan(20);
  }

  @Test
  void parquetHadoopSkipsRowGroupsByTheShreddedLeafsStatistics() throws Exception {
    // 1,000 sorted ids fall into one row group of about 14,000 ids, or two if they straddle a
    // boundary.
    assertThat(
            VariantShreddingExample.rowGroupsReadOnShreddedId(
                Lesson.fileSystem(spark, shreddedPath), shreddedPath))
        .as("row groups kept of %d", shredded.rowGroups())
        .isBetween(1, 2);
  }

  @Test
  void sparksScanReadsEveryRowForAVariantFieldFilterButSkipsRowGroupsForAPlainColumn() {
    for (Footer footer : new Footer[] {shredded, plain}) {
      org.apache.hadoop.fs.Path path = footer == shredded ? shreddedPath : plainPath;
      Filtering f = VariantShreddingExample.filter(spark, path);

      assertThat(f.matchingRows()).isEqualTo(1000);
      assertThat(f.readSchema())
          .as("pushVariantIntoScan: the requested fields, sku then id")
          .isEqualTo("struct<v:struct<0:string,1:int>>");
      assertThat(f.pushedFilters()).contains("GreaterThanOrEqual(v.`1`,200000)");
      assertThat(f.scanRowsVariantFilter())
          .as("Spark 4.1.1 skips no row group on a variant field (%s)", path)
          .isEqualTo(VariantShreddingExample.ROWS);
      assertThat(f.scanRowsColumnFilter())
          .as("the plain id column: the row groups overlapping the range only")
          .isBetween(1000L, footer.rowsInOverlappingRowGroups());
    }
  }
}
