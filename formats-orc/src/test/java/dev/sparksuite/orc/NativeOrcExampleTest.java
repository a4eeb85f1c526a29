package dev.sparksuite.orc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.orc.NativeOrcExample.Order;
import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeOrcExampleTest extends SparkTestBase {

  /** More than two batches of 1,024 rows, so the flush of a full batch is exercised. */
  private static final List<Order> ORDERS = NativeOrcExample.orders(2_500);

  @TempDir Path dir;

  @Test
  void aNativelyWrittenFileReadsBackNativelyAndBySpark() throws Exception {
    Path file = dir.resolve("orders.orc");
    NativeOrcExample.write(file, ORDERS);

    assertThat(NativeOrcExample.read(file)).containsExactlyElementsOf(ORDERS);
    assertThat(NativeOrcExample.readWithSpark(spark, file)).containsExactlyElementsOf(ORDERS);
    try (var reader = OrcFiles.open(file)) {
      assertThat(reader.getCompressionKind().name()).isEqualTo("ZSTD");
      assertThat(reader.getNumberOfRows()).isEqualTo(2_500);
    }
  }

  @Test
  void orcCoreReadsTheFileSparkWrote() {
    Path sparkDir = dir.resolve("spark-orders");
    NativeOrcExample.writeWithSpark(spark, sparkDir, ORDERS);

    assertThat(OrcFiles.dataFiles(sparkDir)).hasSize(1);
    assertThat(NativeOrcExample.read(OrcFiles.dataFiles(sparkDir).get(0))).containsExactlyElementsOf(ORDERS);
  }
}
