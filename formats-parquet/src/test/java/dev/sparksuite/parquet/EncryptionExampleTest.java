package dev.sparksuite.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.parquet.EncryptionExample.KeyMaterial;
import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptionExampleTest extends SparkTestBase {

  @TempDir Path dir;

  @Test
  void theSsnColumnIsEncryptedAndAReaderWithoutKeysIsRefused() throws Exception {
    var encrypted = EncryptionExample.encrypt(spark, hadoopPath(dir));

    assertThat(encrypted.columnEncrypted())
        .as("only the column named in parquet.encryption.column.keys has its own key")
        .containsExactlyInAnyOrderEntriesOf(Map.of("id", false, "name", false, "ssn", true));
    assertThat(encrypted.rowsWithKeys())
        .containsExactly(
            RowFactory.create(0L, "customer 0", "000-45-6789"),
            RowFactory.create(1L, "customer 1", "001-45-6789"),
            RowFactory.create(2L, "customer 2", "002-45-6789"));
    assertThat(encrypted.errorWithoutKeys())
        .startsWith("ParquetCryptoRuntimeException")
        .contains("encrypted footer");
  }

  @Test
  void everyFileHasItsOwnDataKeysWrappedByOneKeyEncryptionKeyPerMasterKey() throws Exception {
    var encrypted = EncryptionExample.encrypt(spark, hadoopPath(dir));

    List<KeyMaterial> ssn =
        encrypted.keys().stream().filter(k -> k.masterKey().equals("ssnKey")).toList();
    List<KeyMaterial> footer =
        encrypted.keys().stream().filter(k -> k.masterKey().equals("footerKey")).toList();
    assertThat(ssn).as("one ssn key per file").hasSize(EncryptionExample.FILES);
    assertThat(footer).as("one footer key per file").hasSize(EncryptionExample.FILES);
    assertThat(encrypted.keys())
        .as("double wrapping is the default")
        .allMatch(KeyMaterial::doubleWrapped);
    assertThat(ssn)
        .extracting(KeyMaterial::dekFingerprint)
        .as("a fresh data key per file, as unwrapped")
        .doesNotHaveDuplicates();
    assertThat(ssn)
        .extracting(KeyMaterial::kekId)
        .as("one KEK per master key, cached by the writer")
        .containsOnly(ssn.get(0).kekId())
        .doesNotContain(footer.get(0).kekId());

    assertThat(encrypted.keysSingleWrapped())
        .as("double wrapping off: the KMS wraps each data key itself")
        .hasSize(2 * EncryptionExample.FILES)
        .noneMatch(KeyMaterial::doubleWrapped)
        .as("no key-encryption key named in the key material")
        .allMatch(k -> k.kekId() == null);
    assertThat(encrypted.keysSingleWrapped())
        .extracting(KeyMaterial::dekFingerprint)
        .doesNotHaveDuplicates();
  }
}
