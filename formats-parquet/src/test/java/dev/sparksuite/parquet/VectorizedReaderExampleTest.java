package dev.sparksuite.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.parquet.VectorizedReaderExample.Comparison;
import dev.sparksuite.parquet.VectorizedReaderExample.Fallbacks;
import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link VectorizedReaderExample}: the vectorized reader hands the plan batches, and when it falls
 * back to rows.
 */
class VectorizedReaderExampleTest extends SparkTestBase {

  private static final long ROWS = 1_000_000;

  @TempDir static Path dir;

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
}
