package dev.sparksuite.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ColumnPruningExample}: selecting two columns reads only their column chunks' bytes. */
class ColumnPruningExampleTest extends SparkTestBase {

  @TempDir Path dir;

  @Test
  void selectingTwoColumnsReadsOnlyThoseTwoColumnsBytes() throws Exception {
    var pruning = ColumnPruningExample.prune(spark, hadoopPath(dir.resolve("orders")));

    assertThat(pruning.columnsInFile()).isEqualTo(10);
    assertThat(pruning.readSchemaAll()).contains("note:string").contains("customer_key:string");
    assertThat(pruning.readSchemaTwo()).isEqualTo("struct<id:bigint,amount:double>");
    assertThat(pruning.bytesReadAll())
        .as("select * reads every column chunk")
        .isGreaterThanOrEqualTo(pruning.chunkBytesAll());
    assertThat(pruning.bytesReadTwo())
        .as("id and amount: their chunks plus the footer, not the other eight")
        .isGreaterThanOrEqualTo(pruning.chunkBytesTwo())
        .isLessThan(
            pruning.chunkBytesTwo()
                + (pruning.bytesReadAll() - pruning.chunkBytesAll())
                + 64 * 1024)
        .isLessThan(pruning.bytesReadAll() / 2);
    assertThat(pruning.bytesReadAllVectored())
        .as("vectored reads escape the file-system statistics")
        .isLessThan(pruning.chunkBytesTwo());
  }
}
