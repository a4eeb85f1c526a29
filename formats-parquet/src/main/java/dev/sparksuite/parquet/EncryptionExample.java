package dev.sparksuite.parquet;

import dev.sparksuite.lessons.Lesson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.crypto.FileDecryptionProperties;
import org.apache.parquet.crypto.keytools.PropertiesDrivenCryptoFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Lesson 13: Parquet modular encryption. Columns are encrypted with their own keys ({@code ssn}
 * with one, the footer with another), so access can be granted per column. Parquet encrypts each
 * page with a fresh data key and stores that key wrapped by a KMS master key in the footer; the
 * footer itself is encrypted, so without keys even the schema is unreadable. Everything is set
 * through Hadoop properties, passed here as read and write options.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.parquet.EncryptionExample
 * formats-parquet/target/formats-parquet.jar <output-dir>}
 */
public final class EncryptionExample {

  /** Two 128-bit master keys, base64. In production they live in the KMS, never in code. */
  static final String MASTER_KEYS = "footerKey:AAECAwQFBgcICQoLDA0ODw==, ssnKey:AAECAAECAAECAAECAAECAA==";

  private EncryptionExample() {}

  /** Per column: encrypted or not (from the decrypted footer); rows read with keys; the keyless error. */
  public record Encrypted(Map<String, Boolean> columnEncrypted, List<Row> rowsWithKeys, String errorWithoutKeys) {}

  public static void main(String[] args) {
    Path output = Lesson.outputDirectory(args, EncryptionExample.class);
    SparkSession spark = Lesson.session(EncryptionExample.class);
    try {
      Encrypted e = encrypt(spark, output.resolve("customers-encrypted"));
      System.out.println("encrypted column chunks: " + e.columnEncrypted());
      System.out.println("read with keys: " + e.rowsWithKeys());
      System.out.println("read without keys fails: " + e.errorWithoutKeys());
    } finally {
      spark.stop();
    }
  }

  /** The properties a writer or reader needs: the crypto factory, the KMS, its master keys. */
  static Map<String, String> cryptoProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("parquet.crypto.factory.class", PropertiesDrivenCryptoFactory.class.getName());
    properties.put("parquet.encryption.kms.client.class", LessonKms.class.getName());
    properties.put(LessonKms.MASTER_KEYS, MASTER_KEYS);
    return properties;
  }

  public static Encrypted encrypt(SparkSession spark, Path path) {
    spark.sql("SELECT id, concat('customer ', id) AS name, format_string('%03d-45-6789', id) AS ssn "
            + "FROM range(3)")
        .coalesce(1).write().mode("overwrite")
        .options(cryptoProperties())
        .option("parquet.encryption.column.keys", "ssnKey:ssn")
        .option("parquet.encryption.footer.key", "footerKey")
        .parquet(path.toString());

    List<Row> withKeys = spark.read().options(cryptoProperties()).parquet(path.toString()).orderBy("id").collectAsList();
    String error;
    try {
      spark.read().parquet(path.toString()).collectAsList();
      error = "no error";
    } catch (Exception e) {
      error = rootMessage(e);
      // e.g. "Trying to read file with encrypted footer. No keys available"
    }
    return new Encrypted(encryptedColumns(path), withKeys, error);
  }

  /** Reads the footer natively, with the keys, and asks each column chunk whether it is encrypted. */
  static Map<String, Boolean> encryptedColumns(Path path) {
    Configuration conf = new Configuration();
    cryptoProperties().forEach(conf::set);
    Path file = ParquetFooters.dataFiles(path).get(0);
    Map<String, Boolean> encrypted = new TreeMap<>();
    try {
      org.apache.hadoop.fs.Path hadoopPath = new org.apache.hadoop.fs.Path(file.toUri());
      FileDecryptionProperties decryption =
          new PropertiesDrivenCryptoFactory().getFileDecryptionProperties(conf, hadoopPath);
      try (ParquetFileReader reader = ParquetFileReader.open(ParquetFooters.input(file),
          HadoopReadOptions.builder(conf).withDecryption(decryption).build())) {
        for (ColumnChunkMetaData column : reader.getFooter().getBlocks().get(0).getColumns()) {
          encrypted.put(column.getPath().toDotString(), column.isEncrypted());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return encrypted;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
