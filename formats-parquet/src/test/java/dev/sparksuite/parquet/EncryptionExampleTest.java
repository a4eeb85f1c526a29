package dev.sparksuite.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptionExampleTest extends SparkTestBase {

  @TempDir Path dir;

  @Test
  void theSsnColumnIsEncryptedAndAReaderWithoutKeysIsRefused() {
    var encrypted = EncryptionExample.encrypt(spark, dir.resolve("customers"));

    assertThat(encrypted.columnEncrypted())
        .as("only the column named in parquet.encryption.column.keys has its own key")
        .containsExactlyInAnyOrderEntriesOf(Map.of("id", false, "name", false, "ssn", true));
    assertThat(encrypted.rowsWithKeys()).containsExactly(
        RowFactory.create(0L, "customer 0", "000-45-6789"),
        RowFactory.create(1L, "customer 1", "001-45-6789"),
        RowFactory.create(2L, "customer 2", "002-45-6789"));
    assertThat(encrypted.errorWithoutKeys())
        .startsWith("ParquetCryptoRuntimeException")
        .contains("encrypted footer");
  }
}
