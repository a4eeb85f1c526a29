package dev.sparksuite.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.parquet.NativeParquetExample.Order;
import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeParquetExampleTest extends SparkTestBase {

  private static final List<Order> ORDERS = NativeParquetExample.orders(1_000);

  @TempDir Path dir;

  @Test
  void aNativelyWrittenFileReadsBackNatively() {
    Path file = dir.resolve("orders.parquet");
    NativeParquetExample.write(file, ORDERS);

    assertThat(NativeParquetExample.read(file)).containsExactlyElementsOf(ORDERS);
    assertThat(ParquetFooters.footer(file).getBlocks().get(0).getColumns())
        .allMatch(c -> c.getCodec().name().equals("ZSTD"));
  }

  @Test
  void sparkReadsTheNativelyWrittenFile() {
    Path file = dir.resolve("orders.parquet");
    NativeParquetExample.write(file, ORDERS);

    assertThat(NativeParquetExample.readWithSpark(spark, file)).containsExactlyElementsOf(ORDERS);
  }

  @Test
  void theNativeReaderReadsTheFileSparkWrote() {
    Path sparkDir = dir.resolve("spark-orders");
    NativeParquetExample.writeWithSpark(spark, sparkDir, ORDERS);

    assertThat(ParquetFooters.dataFiles(sparkDir)).hasSize(1);
    assertThat(NativeParquetExample.read(ParquetFooters.dataFiles(sparkDir).get(0))).containsExactlyElementsOf(ORDERS);
  }
}
