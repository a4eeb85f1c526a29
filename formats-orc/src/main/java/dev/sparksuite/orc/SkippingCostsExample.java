package dev.sparksuite.orc;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;

import dev.sparksuite.lessonkit.Lesson;
import dev.sparksuite.lessonkit.ScanMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.orc.OrcProto;
import org.apache.orc.Reader;
import org.apache.orc.StripeInformation;
import org.apache.orc.TypeDescription;
import org.apache.orc.impl.OrcIndex;
import org.apache.orc.impl.RecordReaderImpl;
import org.apache.orc.util.BloomFilter;
import org.apache.orc.util.BloomFilterIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What skipping structures cost, measured from the file. Every stripe begins with its index
 * streams: a {@code ROW_INDEX} stream per column (min/max and positions for each row group of
 * {@code orc.row.index.stride} rows) and, for the columns named in {@code
 * orc.bloom.filter.columns}, a {@code BLOOM_FILTER_UTF8} stream with one bloom filter per row
 * group. orc-core sizes each filter for the stride and {@code orc.bloom.filter.fpp}, not for the
 * values the group holds: {@code -stride * ln(fpp) / ln(2)^2} bits, cut to a whole number and
 * padded to the next multiple of 64 (a whole 64-bit word more when it is one already), with {@code
 * round(bits / stride * ln 2)} hash functions of the padded bits. So fpp 0.01 costs about half
 * again the bytes of fpp 0.05, and a low-NDV column gets filters as large as a high-NDV one, whose
 * nearly empty bit sets the codec then squeezes away. The lesson reads each stream's length from
 * the stripe footer, decodes every filter and looks up keys that are in no row group: the share of
 * (key, row group) lookups a filter lets through is its measured false-positive rate, and each of
 * those costs a row group read, as Spark's scan shows for one absent key.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.orc.SkippingCostsExample
 * formats-orc/target/formats-orc.jar <output-dir>}; the output directory may be a local path or on
 * HDFS ({@code hdfs://namenode:8020/lessons/orc}).
 */
public final class SkippingCostsExample {

  static final long ROWS = 200_000;
  static final int STRIDE = 10_000;
  static final int ABSENT_KEYS = 1_000;
  static final double LOOSE_FPP = 0.05;
  static final double TIGHT_FPP = 0.01;

  private SkippingCostsExample() {}

  /** One column's bloom filters: bytes on disk, the filter's shape, and lookups of absent keys. */
  public record Bloom(
      String column,
      long distinctValues,
      long bytes,
      int bits,
      int hashFunctions,
      long trials,
      long falsePositives) {
    public double measuredFpp() {
      return (double) falsePositives / trials;
    }
  }

  /**
   * One file's bytes by part: the 3-byte header, the index streams (row index and bloom filters),
   * the data streams, the stripe footers and the file tail (metadata, footer, postscript): the tail
   * as the bytes after the last stripe, and as the sum of the lengths the postscript records plus
   * the postscript and its length byte.
   */
  public record FileCost(
      double fpp,
      long fileBytes,
      int stripes,
      int rowGroups,
      long rowIndexBytes,
      long dataBytes,
      long stripeFooterBytes,
      long tailBytes,
      long tailPartsBytes,
      Bloom highNdv,
      Bloom lowNdv) {
    public long bloomBytes() {
      return highNdv.bytes() + lowNdv.bytes();
    }
  }

  /**
   * An absent key, the row groups whose filter let it through, and the rows Spark's scan emitted
   * for it.
   */
  public record AbsentLookup(String key, int rowGroupsPassed, long scanRows, long matchingRows) {}

  public record Costs(FileCost loose, FileCost tight, AbsentLookup lookup) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        SkippingCostsExample.class,
        (spark, output) -> {
          Costs c = measure(spark, output);
          System.out.printf(
              "setup: %,d orders (id bigint, country string, customer_key string), one file per fpp, "
                  + "orc.row.index.stride %,d -> %d row groups in %d stripe(s); bloom filters on customer_key "
                  + "(%,d distinct, a hash) and country (%d distinct); %,d absent keys looked up in every row group%n",
              ROWS,
              STRIDE,
              c.loose().rowGroups(),
              c.loose().stripes(),
              c.loose().highNdv().distinctValues(),
              c.loose().lowNdv().distinctValues(),
              ABSENT_KEYS);
          for (FileCost f : new FileCost[] {c.loose(), c.tight()}) {
            System.out.printf(
                "orc.bloom.filter.fpp %.2f: file %,d B = header 3 + row index %,d + bloom filters %,d "
                    + "+ data %,d + stripe footers %,d + tail %,d%n",
                f.fpp(),
                f.fileBytes(),
                f.rowIndexBytes(),
                f.bloomBytes(),
                f.dataBytes(),
                f.stripeFooterBytes(),
                f.tailBytes());
            for (Bloom b : new Bloom[] {f.highNdv(), f.lowNdv()}) {
              System.out.printf(
                  "  %-12s BLOOM_FILTER_UTF8 %,8d B (%,d bits = %,d B per filter before compression, "
                      + "%d hash functions); false positives %,d of %,d lookups = %.4f%n",
                  b.column(),
                  b.bytes(),
                  b.bits(),
                  b.bits() / 8,
                  b.hashFunctions(),
                  b.falsePositives(),
                  b.trials(),
                  b.measuredFpp());
            }
          }
          AbsentLookup l = c.lookup();
          System.out.printf(
              "Spark, fpp %.2f file, customer_key = '%s' (in no row group): filters let it into %d "
                  + "row group(s); rows out of Spark's scan %,d, matching rows %,d%n",
              LOOSE_FPP, l.key(), l.rowGroupsPassed(), l.scanRows(), l.matchingRows());
          System.out.println(
              "what this shows: a bloom filter costs bits per row group set by the stride and the fpp, "
                  + "not by the data (lower fpp, more bytes; a low-NDV column's filter compresses away), it lets through "
                  + "about fpp of absent lookups, each a row group read for nothing, and the row index costs little next "
                  + "to the data");
        });
  }

  public static Costs measure(SparkSession spark, Path output) throws IOException {
    FileSystem fs = Lesson.fileSystem(spark, output);
    Path loose = write(spark, new Path(output, "orders-fpp-05"), LOOSE_FPP);
    Path tight = write(spark, new Path(output, "orders-fpp-01"), TIGHT_FPP);
    Row distinct =
        spark
            .read()
            .orc(loose.toString())
            .agg(countDistinct(col("customer_key")), countDistinct(col("country")))
            .first();
    FileCost looseCost = cost(fs, loose, LOOSE_FPP, distinct.getLong(0), distinct.getLong(1));
    FileCost tightCost = cost(fs, tight, TIGHT_FPP, distinct.getLong(0), distinct.getLong(1));
    return new Costs(looseCost, tightCost, absentLookup(spark, fs, loose));
  }

  private static Path write(SparkSession spark, Path path, double fpp) {
    OrcSampleData.orders(spark, ROWS, 1)
        .select("id", "country", "customer_key")
        .write()
        .mode("overwrite")
        .option("orc.row.index.stride", STRIDE)
        .option("orc.bloom.filter.columns", "customer_key,country")
        .option("orc.bloom.filter.fpp", fpp)
        .orc(path.toString());
    return path;
  }

  static String absentKey(int i) {
    return "absent-" + i;
  }

  private static long tailParts(OrcProto.FileTail tail) {
    OrcProto.PostScript ps = tail.getPostscript();
    return ps.getMetadataLength()
        + ps.getFooterLength()
        + ps.getStripeStatisticsLength()
        + tail.getPostscriptLength()
        + 1;
  }

  /**
   * Stream lengths from every stripe footer; each bloom filter decoded and asked about every absent
   * key.
   */
  static FileCost cost(
      FileSystem fs, Path directory, double fpp, long highDistinct, long lowDistinct)
      throws IOException {
    Path file = OrcFiles.dataFiles(fs, directory).get(0).getPath();
    try (Reader reader = OrcFiles.open(fs, file);
        RecordReaderImpl rows = (RecordReaderImpl) reader.rows()) {
      TypeDescription schema = reader.getSchema();
      int high = schema.findSubtype("customer_key").getId();
      int low = schema.findSubtype("country").getId();
      boolean[] all = new boolean[schema.getMaximumId() + 1];
      Arrays.fill(all, true);
      long rowIndex = 0;
      long data = 0;
      long footers = 0;
      long[] bloomBytes = new long[all.length];
      long[][] shape = new long[all.length][3];
      int groups = 0;
      for (int s = 0; s < reader.getStripes().size(); s++) {
        StripeInformation stripe = reader.getStripes().get(s);
        OrcProto.StripeFooter footer = rows.readStripeFooter(stripe);
        footers += stripe.getFooterLength();
        for (OrcProto.Stream stream : footer.getStreamsList()) {
          switch (stream.getKind()) {
            case ROW_INDEX -> rowIndex += stream.getLength();
            case BLOOM_FILTER, BLOOM_FILTER_UTF8 ->
                bloomBytes[stream.getColumn()] += stream.getLength();
            default -> data += stream.getLength();
          }
        }
        OrcIndex index = rows.readRowIndex(s, all, all);
        groups += index.getRowGroupIndex()[high].getEntryCount();
        for (int column : new int[] {high, low}) {
          OrcProto.BloomFilterIndex filters = index.getBloomFilterIndex()[column];
          for (OrcProto.BloomFilter entry : filters.getBloomFilterList()) {
            BloomFilter filter =
                BloomFilterIO.deserialize(
                    OrcProto.Stream.Kind.BLOOM_FILTER_UTF8,
                    footer.getColumns(column),
                    reader.getWriterVersion(),
                    schema.findSubtype(column).getCategory(),
                    entry);
            shape[column][0] = filter.getBitSize();
            shape[column][1] = filter.getNumHashFunctions();
            for (int k = 0; k < ABSENT_KEYS; k++) {
              if (filter.testString(absentKey(k))) {
                shape[column][2]++;
              }
            }
          }
        }
      }
      long stripesEnd =
          reader.getStripes().stream()
              .mapToLong(st -> st.getOffset() + st.getLength())
              .max()
              .orElse(3);
      long trials = (long) ABSENT_KEYS * groups;
      return new FileCost(
          fpp,
          reader.getFileTail().getFileLength(),
          reader.getStripes().size(),
          groups,
          rowIndex,
          data,
          footers,
          reader.getFileTail().getFileLength() - stripesEnd,
          tailParts(reader.getFileTail()),
          new Bloom(
              "customer_key",
              highDistinct,
              bloomBytes[high],
              (int) shape[high][0],
              (int) shape[high][1],
              trials,
              shape[high][2]),
          new Bloom(
              "country",
              lowDistinct,
              bloomBytes[low],
              (int) shape[low][0],
              (int) shape[low][1],
              trials,
              shape[low][2]));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * The absent key that passed the most filters of the loose file, and Spark's scan of it:
   * push-down hands orc-core the equality, which reads every row group whose filter let the key
   * through.
   */
  private static AbsentLookup absentLookup(SparkSession spark, FileSystem fs, Path directory)
      throws IOException {
    Path file = OrcFiles.dataFiles(fs, directory).get(0).getPath();
    String worst = absentKey(0);
    int worstPassed = -1;
    try (Reader reader = OrcFiles.open(fs, file);
        RecordReaderImpl rows = (RecordReaderImpl) reader.rows()) {
      TypeDescription schema = reader.getSchema();
      int column = schema.findSubtype("customer_key").getId();
      boolean[] wanted = new boolean[schema.getMaximumId() + 1];
      wanted[column] = true;
      int[] passed = new int[ABSENT_KEYS];
      for (int s = 0; s < reader.getStripes().size(); s++) {
        OrcProto.StripeFooter footer = rows.readStripeFooter(reader.getStripes().get(s));
        for (OrcProto.BloomFilter entry :
            rows.readRowIndex(s, wanted, wanted)
                .getBloomFilterIndex()[column]
                .getBloomFilterList()) {
          BloomFilter filter =
              BloomFilterIO.deserialize(
                  OrcProto.Stream.Kind.BLOOM_FILTER_UTF8,
                  footer.getColumns(column),
                  reader.getWriterVersion(),
                  TypeDescription.Category.STRING,
                  entry);
          for (int k = 0; k < ABSENT_KEYS; k++) {
            if (filter.testString(absentKey(k))) {
              passed[k]++;
            }
          }
        }
      }
      for (int k = 0; k < ABSENT_KEYS; k++) {
        if (passed[k] > worstPassed) {
          worstPassed = passed[k];
          worst = absentKey(k);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    var query = spark.read().orc(directory.toString()).where(col("customer_key").equalTo(worst));
    ScanMetrics.Scan scan = ScanMetrics.collectAndMeasure(query);
    return new AbsentLookup(worst, worstPassed, scan.rowsOutput(), query.count());
  }
}
