package dev.sparksuite.orc;

import dev.sparksuite.lessonkit.Errors;
import dev.sparksuite.lessonkit.Lesson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.CompressionKind;
import org.apache.orc.DataMaskDescription;
import org.apache.orc.EncryptionAlgorithm;
import org.apache.orc.EncryptionKey;
import org.apache.orc.InMemoryKeystore;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.orc.RecordReader;
import org.apache.orc.TypeDescription;
import org.apache.orc.Writer;
import org.apache.spark.sql.SparkSession;

/**
 * ORC column encryption and masking. With {@code encrypt("pii:ssn")} orc-core writes the {@code
 * ssn} column twice: encrypted (AES/CTR with a random local key, itself encrypted by the master key
 * {@code pii}) and as a masked, unencrypted copy ({@code masks("sha256:ssn")}; the other standard
 * masks are {@code nullify}, the default, and {@code redact}). Its statistics are encrypted too,
 * and so are its per-stripe statistics, in their own section of the file tail. A reader whose key
 * provider has {@code pii} gets the real values; a reader without the key, Spark included, gets the
 * masked copy, without an error. The footer's encryption section names the key, its algorithm, the
 * encrypted column and the mask.
 *
 * <p>Why native: Spark 4.1.1 hands {@code orc.encrypt} and {@code orc.mask} write options through
 * to orc-core's writer ({@link #sparkWriteWithUnknownKey}: the writer asks for the key), and Spark
 * reads and writes encrypted columns once orc-core's key provider has the key (Spark's own {@code
 * OrcEncryptionSuite} reads the real values back that way). orc-core builds that provider from
 * Hadoop configuration and caches it once per JVM ({@code orc.key.provider}, default {@code
 * hadoop}: the first Hadoop KeyProvider at {@code hadoop.security.key.provider.path}, which must be
 * able to encrypt and decrypt keys, as a Hadoop KMS can and a Java keystore file cannot). On a
 * cluster that means a KMS every executor reaches. Here the keys go to orc-core's own writer and
 * reader through their options ({@code setKeyProvider} with an {@code InMemoryKeystore}), which
 * touches no JVM-wide state.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.orc.OrcEncryptionExample
 * formats-orc/target/formats-orc.jar <output-dir>}; the output directory may be a local path or on
 * HDFS ({@code hdfs://namenode:8020/lessons/orc}).
 */
public final class OrcEncryptionExample {

  /** Schema first, in ORC's type syntax. */
  static final TypeDescription SCHEMA =
      TypeDescription.fromString("struct<id:bigint,name:string,ssn:string>");

  static final String KEY = "pii";

  /** A 128-bit master key. In production it lives in the KMS, never in code. */
  private static final byte[] MASTER_KEY = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};

  private OrcEncryptionExample() {}

  /** One customer, with equals, so readers' results compare as lists. */
  public record Customer(long id, String name, String ssn) {}

  /**
   * What the file says and what each reader sees: the key's name, algorithm and encrypted column
   * from the footer, the mask; whether the plain SSNs or names occur anywhere in the file's bytes;
   * rows read with the key, without it, and by Spark.
   */
  public record Encrypted(
      String keyName,
      String algorithm,
      List<String> encryptedColumns,
      String mask,
      boolean ssnBytesInFile,
      boolean nameBytesInFile,
      List<Customer> withKey,
      List<Customer> withoutKey,
      List<Customer> readBySpark) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        OrcEncryptionExample.class,
        (spark, output) -> {
          Encrypted e =
              encryptAndRead(spark, new Path(output, "customers-encrypted.orc"), customers(3));
          System.out.println(
              "setup: 3 customers, ORC schema "
                  + SCHEMA
                  + ", written by orc-core with an "
                  + "in-memory keystore: column ssn encrypted with key pii, masked with sha256 for readers without it");
          System.out.printf(
              "footer: key %s (%s) encrypts %s, mask %s%n",
              e.keyName(), e.algorithm(), e.encryptedColumns(), e.mask());
          System.out.printf(
              "plain SSNs in the file's bytes: %s; plain names: %s%n",
              e.ssnBytesInFile(), e.nameBytesInFile());
          System.out.println("read with the key:    " + e.withKey());
          System.out.println("read without the key: " + e.withoutKey());
          System.out.println("read by Spark:        " + e.readBySpark());
          System.out.println(
              "what this shows: ORC encrypts a column, not the file: the footer names the key and "
                  + "the mask, readers with the key get the values, and readers without it, Spark included, get the mask");
        });
  }

  public static List<Customer> customers(int count) {
    List<Customer> customers = new ArrayList<>();
    for (long id = 0; id < count; id++) {
      customers.add(new Customer(id, "customer " + id, String.format("%03d-45-6789", id)));
    }
    return customers;
  }

  static InMemoryKeystore keystore() {
    try {
      return new InMemoryKeystore().addKey(KEY, EncryptionAlgorithm.AES_CTR_128, MASTER_KEY);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot add the key " + KEY + " to the keystore", e);
    }
  }

  /**
   * Uncompressed on purpose, so that a plain value left in the file would show in its bytes: the
   * name column does, the SSN column does not.
   */
  public static void write(FileSystem fs, Path file, List<Customer> customers, boolean encrypt) {
    OrcFile.WriterOptions options =
        OrcFile.writerOptions(fs.getConf())
            .fileSystem(fs)
            .setSchema(SCHEMA)
            .compress(CompressionKind.NONE)
            .overwrite(true);
    if (encrypt) {
      options.setKeyProvider(keystore()).encrypt(KEY + ":ssn").masks("sha256:ssn");
    }
    try (Writer writer = OrcFile.createWriter(file, options)) {
      VectorizedRowBatch batch = SCHEMA.createRowBatch();
      for (Customer c : customers) {
        int row = batch.size++;
        ((LongColumnVector) batch.cols[0]).vector[row] = c.id();
        ((BytesColumnVector) batch.cols[1]).setVal(row, c.name().getBytes(StandardCharsets.UTF_8));
        ((BytesColumnVector) batch.cols[2]).setVal(row, c.ssn().getBytes(StandardCharsets.UTF_8));
        // A batch has a fixed capacity (1,024 rows): hand it to the writer when full and reuse it.
        if (batch.size == batch.getMaxSize()) {
          writer.addRowBatch(batch);
          batch.reset();
        }
      }
      if (batch.size > 0) {
        writer.addRowBatch(batch);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public static Encrypted encryptAndRead(SparkSession spark, Path file, List<Customer> customers) {
    FileSystem fs;
    String bytes;
    try {
      fs = Lesson.fileSystem(spark, file);
      write(fs, file, customers, true);
      try (FSDataInputStream in = fs.open(file)) {
        bytes = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    OrcFile.ReaderOptions withKey =
        OrcFile.readerOptions(fs.getConf()).filesystem(fs).setKeyProvider(keystore());
    try (Reader reader = OrcFile.createReader(file, withKey)) {
      EncryptionKey[] keys = reader.getColumnEncryptionKeys();
      DataMaskDescription[] masks = reader.getDataMasks();
      return new Encrypted(
          keys.length == 0 ? "(none)" : keys[0].getKeyName(),
          keys.length == 0 ? "(none)" : keys[0].getAlgorithm().toString(),
          Arrays.stream(keys)
              .flatMap(k -> Arrays.stream(k.getEncryptionRoots()))
              .map(v -> v.getRoot().getFullFieldName())
              .toList(),
          masks.length == 0 ? "(none)" : masks[0].getName(),
          customers.stream().anyMatch(c -> bytes.contains(c.ssn())),
          customers.stream().anyMatch(c -> bytes.contains(c.name())),
          read(file, withKey),
          read(file, OrcFile.readerOptions(fs.getConf()).filesystem(fs)),
          readWithSpark(spark, file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Without a key provider that has the key, orc-core hands out the masked copy of the column. */
  public static List<Customer> read(Path file, OrcFile.ReaderOptions options) {
    List<Customer> customers = new ArrayList<>();
    try (Reader reader = OrcFile.createReader(file, options);
        RecordReader rows = reader.rows()) {
      VectorizedRowBatch batch = reader.getSchema().createRowBatch();
      while (rows.nextBatch(batch)) {
        LongColumnVector id = (LongColumnVector) batch.cols[0];
        BytesColumnVector name = (BytesColumnVector) batch.cols[1];
        BytesColumnVector ssn = (BytesColumnVector) batch.cols[2];
        for (int row = 0; row < batch.size; row++) {
          String value = !ssn.noNulls && ssn.isNull[row] ? null : ssn.toString(row);
          customers.add(new Customer(id.vector[row], name.toString(row), value));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return customers;
  }

  public static List<Customer> readWithSpark(SparkSession spark, Path file) {
    return spark.read().orc(file.toString()).orderBy("id").collectAsList().stream()
        .map(r -> new Customer(r.getLong(0), r.getString(1), r.getString(2)))
        .toList();
  }

  /**
   * Spark passes {@code orc.encrypt} to orc-core's writer, which asks its key provider for the key;
   * with no KMS configured there is none, and the write fails naming the key. Not run by {@code
   * main}: a failed Spark job logs its stack traces.
   */
  public static String sparkWriteWithUnknownKey(SparkSession spark, Path dir) {
    try {
      spark
          .sql(
              "SELECT id, concat('customer ', id) AS name, format_string('%03d-45-6789', id) AS ssn FROM range(3)")
          .coalesce(1)
          .write()
          .mode("overwrite")
          .option("orc.encrypt", KEY + ":ssn")
          .option("orc.mask", "sha256:ssn")
          .orc(dir.toString());
      return "written";
    } catch (Exception e) {
      // A failed job surfaces as SparkException, a checked exception, with orc-core's error at its
      // root.
      Throwable root = Errors.rootCause(e);
      return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
  }
}
