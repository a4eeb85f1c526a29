package dev.sparksuite.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SchemaMergeExample}: {@code mergeSchema} unions the footers and fills old rows with null.
 */
class SchemaMergeExampleTest extends SparkTestBase {

  @TempDir Path dir;

  @Test
  void mergeSchemaUnionsTheFootersAndFillsOldRowsWithNull() {
    var merge = SchemaMergeExample.evolve(spark, hadoopPath(dir.resolve("evolving")));

    assertThat(merge.columnsMerged()).containsExactly("id", "country", "channel", "day");
    assertThat(merge.columnsWithoutMerge())
        .doesNotContain("channel")
        .contains("id", "country", "day");
    assertThat(merge.mergedRows())
        .containsExactly(
            RowFactory.create(0L, "DE", null), RowFactory.create(1L, "FR", null),
            RowFactory.create(2L, "NL", "web"), RowFactory.create(3L, "PL", "web"));
  }
}
