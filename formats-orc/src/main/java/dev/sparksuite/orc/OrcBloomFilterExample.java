package dev.sparksuite.orc;

import static org.apache.spark.sql.functions.col;

import dev.sparksuite.lessonkit.Lesson;
import dev.sparksuite.lessonkit.ScanMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.io.sarg.PredicateLeaf;
import org.apache.hadoop.hive.ql.io.sarg.SearchArgument;
import org.apache.hadoop.hive.ql.io.sarg.SearchArgumentFactory;
import org.apache.orc.OrcProto;
import org.apache.orc.Reader;
import org.apache.orc.impl.RecordReaderImpl;
import org.apache.spark.sql.SparkSession;

/**
 * Bloom filters. For a hash column every row group's min/max spans almost the whole range, so the
 * row index cannot rule out a point lookup. With {@code orc.bloom.filter.columns} the writer adds a
 * bloom filter per row group (false-positive rate {@code orc.bloom.filter.fpp}) and the reader
 * skips every group whose filter says "definitely absent". The same happens under Spark: its
 * pushed-down equality filter reaches orc-core as a SearchArgument, so a lookup of one key makes
 * Spark's scan emit the one 10,000-row group that holds it instead of all 200,000 rows.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.orc.OrcBloomFilterExample
 * formats-orc/target/formats-orc.jar <output-dir>}; the output directory may be a local path or on
 * HDFS ({@code hdfs://namenode:8020/lessons/orc}).
 */
public final class OrcBloomFilterExample {

  static final long ROWS = 200_000;

  private OrcBloomFilterExample() {}

  /**
   * Whether each file has a bloom filter on customer_key, and the rows a lookup reads in each: with
   * orc-core directly, and out of Spark's scan.
   */
  public record Lookup(
      String key,
      long rows,
      boolean bloomInPlainFile,
      boolean bloomInBloomFile,
      long rowsReadWithoutBloom,
      long rowsReadWithBloom,
      long scanRowsWithoutBloom,
      long scanRowsWithBloom) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        OrcBloomFilterExample.class,
        (spark, output) -> {
          Lookup l = lookUp(spark, output);
          System.out.printf(
              "setup: %,d orders (id, customer_key: a hash), two files: plain, and with "
                  + "orc.bloom.filter.columns=customer_key, orc.bloom.filter.fpp 0.01; stride 10,000 -> %d row groups%n",
              l.rows(), l.rows() / 10_000);
          System.out.printf(
              "bloom filter on customer_key: plain file %s, bloom file %s%n",
              l.bloomInPlainFile(), l.bloomInBloomFile());
          System.out.printf(
              "lookup of %s reads %,d of %,d rows without a bloom filter, %,d with%n",
              l.key(), l.rowsReadWithoutBloom(), l.rows(), l.rowsReadWithBloom());
          System.out.printf(
              "rows out of Spark's scan: %,d without a bloom filter, %,d with%n",
              l.scanRowsWithoutBloom(), l.scanRowsWithBloom());
          System.out.printf(
              "what this shows: min/max of a hash column rule out no row group, a bloom filter rules "
                  + "out %d of %d for a point lookup, in orc-core and under Spark's pushed-down filter alike%n",
              (l.rows() - l.scanRowsWithBloom()) / 10_000, l.rows() / 10_000);
        });
  }

  public static Lookup lookUp(SparkSession spark, Path output) throws IOException {
    FileSystem fs = Lesson.fileSystem(spark, output);
    Path plain = new Path(output, "orders-plain");
    Path bloom = new Path(output, "orders-bloom");
    var orders = OrcSampleData.orders(spark, ROWS, 1).select("id", "customer_key");
    orders.write().mode("overwrite").orc(plain.toString());
    orders
        .write()
        .mode("overwrite")
        .option("orc.bloom.filter.columns", "customer_key")
        .option("orc.bloom.filter.fpp", 0.01)
        .orc(bloom.toString());

    String key = spark.read().orc(plain.toString()).where("id = 123456").first().getString(1);
    SearchArgument lookup =
        SearchArgumentFactory.newBuilder()
            .equals("customer_key", PredicateLeaf.Type.STRING, key)
            .build();
    return new Lookup(
        key,
        ROWS,
        hasBloomFilter(fs, plain, "customer_key"),
        hasBloomFilter(fs, bloom, "customer_key"),
        OrcFiles.rowsRead(fs, plain, lookup, "customer_key"),
        OrcFiles.rowsRead(fs, bloom, lookup, "customer_key"),
        scanRows(spark, plain, key),
        scanRows(spark, bloom, key));
  }

  /**
   * Push-down is on by default; the scan emits whole row groups, the Filter above it keeps one row.
   */
  private static long scanRows(SparkSession spark, Path directory, String key) {
    return ScanMetrics.collectAndMeasure(
            spark.read().orc(directory.toString()).where(col("customer_key").equalTo(key)))
        .rowsOutput();
  }

  /** Reads the first stripe's index and looks for the column's bloom filter entries. */
  static boolean hasBloomFilter(FileSystem fs, Path directory, String column) {
    try (Reader reader = OrcFiles.openFirst(fs, directory);
        RecordReaderImpl rows = (RecordReaderImpl) reader.rows()) {
      int id = reader.getSchema().findSubtype(column).getId();
      boolean[] wanted = new boolean[reader.getSchema().getMaximumId() + 1];
      wanted[id] = true;
      OrcProto.BloomFilterIndex[] blooms =
          rows.readRowIndex(0, wanted, wanted).getBloomFilterIndex();
      return blooms[id] != null && blooms[id].getBloomFilterCount() > 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bloom filters in " + directory, e);
    }
  }
}
