package dev.sparksuite.parquet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparksuite.lessonkit.Errors;
import dev.sparksuite.lessonkit.Lesson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.crypto.DecryptionKeyRetriever;
import org.apache.parquet.crypto.FileDecryptionProperties;
import org.apache.parquet.crypto.keytools.PropertiesDrivenCryptoFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Parquet modular encryption. Columns are encrypted with keys of their own ({@code ssn} under
 * master key {@code ssnKey}, the footer under {@code footerKey}), so access can be granted per
 * column; the footer itself is encrypted, so a reader without keys cannot even read the schema.
 *
 * <p>The keys that encrypt data are not the master keys. For every file, the writer draws a fresh
 * random data key (DEK) for the footer and one for each encrypted column, and every page and
 * metadata module of that column in that file is encrypted with the column's DEK. The DEKs are
 * stored in the file, wrapped. With double wrapping (on by default, {@code
 * parquet.encryption.double.wrapping}), a DEK is wrapped by a key-encryption key (KEK) that the
 * writer generates per master key and caches in its JVM ({@code
 * parquet.encryption.cache.lifetime.seconds}, 10 minutes by default), and only the KEK is sent to
 * the KMS to be wrapped by the master key: one KMS call per master key per JVM (every executor
 * makes its own KEKs) per cache lifetime, instead of one per file and column. So {@link LessonKms}
 * wraps KEKs here, and DEKs only with double wrapping off. The lesson reads each file's key
 * material back (a small JSON document per key) to show it.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.parquet.EncryptionExample
 * formats-parquet/target/formats-parquet.jar <output-dir>}; the output directory may be a local
 * path or on HDFS ({@code hdfs://namenode:8020/lessons/parquet}).
 */
public final class EncryptionExample {

  /** Two 128-bit master keys, base64. In production they live in the KMS, never in code. */
  static final String MASTER_KEYS =
      "footerKey:AAECAwQFBgcICQoLDA0ODw==, ssnKey:AAECAAECAAECAAECAAECAA==";

  static final int FILES = 2;

  private EncryptionExample() {}

  /**
   * What one file stores for one of its keys: the master key it belongs to, whether it was double
   * wrapped, the KEK's id (null when the key material names none) and the wrapped DEK — plus a
   * fingerprint of the DEK itself as the reader unwrapped it (wrapping draws a random nonce, so two
   * wrappings of one key differ; only the unwrapped key shows whether keys differ).
   */
  public record KeyMaterial(
      String file,
      String masterKey,
      boolean doubleWrapped,
      String kekId,
      String wrappedDek,
      String dekFingerprint) {}

  /**
   * Per column: encrypted or not (from the decrypted footer); the key material of every file, with
   * double wrapping on (the default) and off; rows read with keys; the keyless error.
   */
  public record Encrypted(
      Map<String, Boolean> columnEncrypted,
      List<KeyMaterial> keys,
      List<KeyMaterial> keysSingleWrapped,
      List<Row> rowsWithKeys,
      String errorWithoutKeys) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        EncryptionExample.class,
        (spark, output) -> {
          Encrypted e = encrypt(spark, output);
          System.out.printf(
              "setup: 3 customers in %d files; ssn under master key ssnKey, the footer under footerKey%n",
              FILES);
          System.out.println("encrypted column chunks: " + e.columnEncrypted());
          System.out.println("key material in the files, double wrapping on (the default):");
          e.keys().forEach(k -> System.out.println("  " + k));
          System.out.println(
              "key material in the files, parquet.encryption.double.wrapping=false:");
          e.keysSingleWrapped().forEach(k -> System.out.println("  " + k));
          System.out.println("read with keys: " + e.rowsWithKeys());
          System.out.println("read without keys fails: " + e.errorWithoutKeys());
          System.out.println(
              "  (the stack trace on stderr is Spark's executor logging that failed read task: the "
                  + "footer read runs in a task, and a failed task is logged with its trace before the error reaches the "
                  + "driver)");
          System.out.println(
              "what this shows: every file gets its own data keys; the KMS's master keys wrap "
                  + "key-encryption keys (or, single-wrapped, each data key), never the data");
        });
  }

  /** The properties a writer or reader needs: the crypto factory, the KMS, its master keys. */
  static Map<String, String> cryptoProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("parquet.crypto.factory.class", PropertiesDrivenCryptoFactory.class.getName());
    properties.put("parquet.encryption.kms.client.class", LessonKms.class.getName());
    properties.put(LessonKms.MASTER_KEYS, MASTER_KEYS);
    return properties;
  }

  public static Encrypted encrypt(SparkSession spark, Path output) throws IOException {
    Path path = new Path(output, "customers-encrypted");
    write(spark, path, Map.of());
    Path singleWrapped = new Path(output, "customers-single-wrapped");
    write(spark, singleWrapped, Map.of("parquet.encryption.double.wrapping", "false"));

    List<Row> withKeys =
        spark
            .read()
            .options(cryptoProperties())
            .parquet(path.toString())
            .orderBy("id")
            .collectAsList();
    String error;
    try {
      spark.read().parquet(path.toString()).collectAsList();
      error = "no error";
    } catch (Exception e) {
      error = Errors.oneLine(e);
      // e.g. "Trying to read file with encrypted footer. No keys available"
    }
    FileSystem fs = Lesson.fileSystem(spark, output);
    Map<String, Boolean> encrypted = new TreeMap<>();
    List<KeyMaterial> keys = readKeys(fs, path, encrypted);
    return new Encrypted(
        encrypted, keys, readKeys(fs, singleWrapped, new TreeMap<>()), withKeys, error);
  }

  /**
   * Writes the encrypted table; {@code settings} adds writer options (the first write sets no
   * wrapping option, so it shows parquet-hadoop's default).
   */
  private static void write(SparkSession spark, Path path, Map<String, String> settings) {
    spark
        .sql(
            "SELECT id, concat('customer ', id) AS name, format_string('%03d-45-6789', id) AS ssn FROM range(3)")
        .repartition(FILES)
        .write()
        .mode("overwrite")
        .options(cryptoProperties())
        .option("parquet.encryption.column.keys", "ssnKey:ssn")
        .option("parquet.encryption.footer.key", "footerKey")
        .options(settings)
        .parquet(path.toString());
  }

  /**
   * Opens every file's footer natively with the keys, noting which column chunks are encrypted and
   * the key material of every key the reader had to unwrap (footer first, then ssn).
   */
  static List<KeyMaterial> readKeys(FileSystem fs, Path path, Map<String, Boolean> encrypted) {
    Configuration conf = new Configuration(fs.getConf());
    cryptoProperties().forEach(conf::set);
    List<KeyMaterial> keys = new ArrayList<>();
    for (Path file : ParquetFiles.dataFiles(fs, path)) {
      try {
        FileDecryptionProperties fromFactory =
            new PropertiesDrivenCryptoFactory().getFileDecryptionProperties(conf, file);
        DecryptionKeyRetriever unwrapper = fromFactory.getKeyRetriever();
        String name = file.getName().substring(0, 10);
        // The key retriever receives each key's metadata, which holds the key material as JSON.
        DecryptionKeyRetriever recording =
            metadata -> {
              byte[] dek = unwrapper.getKey(metadata);
              keys.add(keyMaterial(name, metadata, dek));
              return dek;
            };
        FileDecryptionProperties decryption =
            FileDecryptionProperties.builder().withKeyRetriever(recording).build();
        try (ParquetFileReader reader =
            ParquetFileReader.open(
                ParquetFiles.input(fs, file),
                HadoopReadOptions.builder(conf).withDecryption(decryption).build())) {
          for (ColumnChunkMetaData column : reader.getFooter().getBlocks().get(0).getColumns()) {
            encrypted.put(column.getPath().toDotString(), column.isEncrypted());
            column
                .getTotalSize(); // an encrypted column's metadata is decrypted (its key unwrapped)
            // on first use
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the footer of " + file, e);
      }
    }
    return keys;
  }

  /**
   * The first 8 bytes of the key's SHA-256, in hex: enough to tell keys apart without printing
   * them.
   */
  private static String fingerprint(byte[] key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static KeyMaterial keyMaterial(String file, byte[] metadata, byte[] dek) {
    try {
      JsonNode json = new ObjectMapper().readTree(new String(metadata, StandardCharsets.UTF_8));
      return new KeyMaterial(
          file,
          json.path("masterKeyID").asText(),
          json.path("doubleWrapping").asBoolean(),
          json.has("keyEncryptionKeyID") ? json.get("keyEncryptionKeyID").asText() : null,
          json.path("wrappedDEK").asText(),
          fingerprint(dek));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "key metadata is not the JSON key material parquet-hadoop writes", e);
    }
  }
}
