package dev.sparksuite.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.lessonkit.Lesson;
import dev.sparksuite.parquet.VariantShreddingExample.Filtering;
import dev.sparksuite.parquet.VariantShreddingExample.Footer;
import dev.sparksuite.parquet.VectorizedReaderExample.Comparison;
import dev.sparksuite.parquet.VectorizedReaderExample.Fallbacks;
import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link VectorizedReaderExample} and {@link VariantShreddingExample}: the vectorized reader, and
 * VARIANT shredding.
 */
class ParquetReaderAndVariantTest extends SparkTestBase {

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
  void theVectorizedReaderHandsThePlanBatchesOfTheConfiguredSize() throws Exception {
    Comparison c = VectorizedReaderExample.compare(spark, hadoopPath(dir.resolve("ids")), ROWS, 1);

    // 1,000,000 ids in two files of one row group each: 2 x ceil(500,000 / 4096) and 2 x
    // ceil(500,000 / 1024).
    assertThat(c.rowGroups()).isEqualTo(2);
    assertThat(c.expectedBatchesDefault()).isEqualTo(2 * 123);
    assertThat(c.expectedBatchesSmall()).isEqualTo(2 * 489);
    assertThat(c.vectorized().batched()).as("FileScan parquet … Batched: true").isTrue();
    assertThat(c.vectorized().columnarToRow()).isTrue();
    assertThat(c.vectorized().batches())
        .as("batches of the default 4096 rows")
        .isEqualTo(c.expectedBatchesDefault());
    assertThat(c.smallBatches().batches())
        .as("columnarReaderBatchSize reaches the reader")
        .isEqualTo(c.expectedBatchesSmall());
    assertThat(c.rowReader().batched()).as("the row reader is not columnar").isFalse();
    assertThat(c.rowReader().columnarToRow()).isFalse();
    long sum = ROWS * (ROWS - 1) / 2;
    assertThat(c.vectorized().sum()).isEqualTo(sum);
    assertThat(c.smallBatches().sum()).isEqualTo(sum);
    assertThat(c.rowReader().sum()).isEqualTo(sum);
  }

  @Test
  void theScanIsNotBatchedWithoutCodegenWithTooManyFieldsOrWithNestedVectorizationOff() {
    Fallbacks f = VectorizedReaderExample.fallbacks(spark, hadoopPath(dir.resolve("orders")));

    assertThat(f.defaults()).isTrue();
    assertThat(f.codegenOff()).as("spark.sql.codegen.wholeStage=false").isFalse();
    assertThat(f.tooManyFields()).as("two columns, spark.sql.codegen.maxFields=1").isFalse();
    assertThat(f.nestedOff())
        .as("struct column, enableNestedColumnVectorizedReader=false")
        .isFalse();
    assertThat(f.nestedOn()).as("struct column, enableNestedColumnVectorizedReader=true").isTrue();
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
