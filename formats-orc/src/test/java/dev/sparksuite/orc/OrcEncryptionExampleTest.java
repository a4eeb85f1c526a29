package dev.sparksuite.orc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.lessonkit.Lesson;
import dev.sparksuite.orc.OrcEncryptionExample.Customer;
import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.orc.OrcProto;
import org.apache.orc.Reader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrcEncryptionExampleTest extends SparkTestBase {

  private static final List<Customer> CUSTOMERS = OrcEncryptionExample.customers(3);

  /** SHA-256 of "000-45-6789", "001-45-6789", "002-45-6789", as the sha256 mask writes it. */
  private static final List<String> MASKED =
      List.of(
          "71A39BECD99D816BF2201EB7AD4A40E1B8982149276C1613B0F720E0605BD939",
          "3CB9CA34F789385F135A03952B6B6E04CC3BCC35B5636DBCA571A6A80C193F66",
          "81DE01851B8727D36585EDDAC485D16C89F3F8130CE28ED461151B283E85F2E7");

  @TempDir Path dir;

  @Test
  void theSsnColumnIsEncryptedAndMaskedForReadersWithoutTheKey() {
    var e =
        OrcEncryptionExample.encryptAndRead(
            spark, hadoopPath(dir.resolve("customers.orc")), CUSTOMERS);

    assertThat(e.keyName()).isEqualTo("pii");
    assertThat(e.algorithm()).isEqualTo("AES128");
    assertThat(e.encryptedColumns()).containsExactly("ssn");
    assertThat(e.mask()).isEqualTo("sha256");
    assertThat(e.nameBytesInFile()).as("an uncompressed file shows its plain columns").isTrue();
    assertThat(e.ssnBytesInFile()).as("but not the encrypted one").isFalse();
    assertThat(e.withKey()).containsExactlyElementsOf(CUSTOMERS);
    List<Customer> masked =
        List.of(
            new Customer(0, "customer 0", MASKED.get(0)),
            new Customer(1, "customer 1", MASKED.get(1)),
            new Customer(2, "customer 2", MASKED.get(2)));
    assertThat(e.withoutKey())
        .as("orc-core without the key: the masked copy")
        .containsExactlyElementsOf(masked);
    assertThat(e.readBySpark())
        .as("Spark has no key provider with pii")
        .containsExactlyElementsOf(masked);
  }

  @Test
  void sparkHandsOrcEncryptToTheWriter() {
    assertThat(
            OrcEncryptionExample.sparkWriteWithUnknownKey(spark, hadoopPath(dir.resolve("spark"))))
        .isEqualTo("IllegalArgumentException: Unknown key pii");
  }

  /**
   * An encrypted file's tail holds the encrypted columns' stripe statistics before the metadata:
   * the postscript gives their length, and the file's bytes add up only with it. The same rows
   * unencrypted have none.
   */
  @Test
  void anEncryptedFileCarriesEncryptedStripeStatisticsInItsTail() throws Exception {
    FileSystem fs = Lesson.fileSystem(spark, hadoopPath(dir));
    var encrypted = hadoopPath(dir.resolve("encrypted.orc"));
    var plain = hadoopPath(dir.resolve("plain.orc"));
    OrcEncryptionExample.write(fs, encrypted, CUSTOMERS, true);
    OrcEncryptionExample.write(fs, plain, CUSTOMERS, false);

    try (Reader reader = OrcFiles.open(fs, encrypted)) {
      OrcProto.FileTail tail = reader.getFileTail();
      OrcProto.PostScript ps = tail.getPostscript();
      long stripes = reader.getStripes().stream().mapToLong(s -> s.getLength()).sum();
      assertThat(ps.getStripeStatisticsLength()).as("encrypted stripe statistics").isPositive();
      assertThat(tail.getFooter().getEncryption().getVariants(0).getStripeStatisticsCount())
          .as("one stream per stripe of the encrypted column")
          .isEqualTo(reader.getStripes().size());
      assertThat(
              3
                  + stripes
                  + ps.getStripeStatisticsLength()
                  + ps.getMetadataLength()
                  + ps.getFooterLength()
                  + tail.getPostscriptLength()
                  + 1)
          .as("every byte of the file, the encrypted statistics included")
          .isEqualTo(tail.getFileLength());
    }
    try (Reader reader = OrcFiles.open(fs, plain)) {
      assertThat(reader.getFileTail().getPostscript().getStripeStatisticsLength()).isZero();
    }
  }
}
