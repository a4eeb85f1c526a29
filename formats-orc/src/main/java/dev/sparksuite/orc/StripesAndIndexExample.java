package dev.sparksuite.orc;

import dev.sparksuite.lessonkit.Lesson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.orc.IntegerColumnStatistics;
import org.apache.orc.Reader;
import org.apache.orc.StripeInformation;
import org.apache.orc.StripeStatistics;
import org.apache.spark.sql.SparkSession;

/**
 * Stripes and the row index. An ORC file is a sequence of stripes ({@code orc.stripe.size}, 64 MB
 * by default), each holding its rows column by column plus an index; the row index keeps min/max
 * per column for every {@code orc.row.index.stride} rows (10,000 by default). The file tail is
 * metadata, footer, postscript (a file with encrypted columns has their encrypted stripe statistics
 * before the metadata: {@link OrcEncryptionExample}): the footer lists the stripes (offset,
 * lengths, rows) and holds one statistics entry per column for the whole file, while the per-stripe
 * statistics sit in the metadata section before it. orc-core (and so Spark) skips row groups using
 * each stripe's row index, and a whole stripe once none of its row groups can match; the per-stripe
 * statistics in the metadata section are there for split planners (such as Hive's {@code
 * OrcInputFormat}), which can drop a stripe without opening it.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.orc.StripesAndIndexExample
 * formats-orc/target/formats-orc.jar <output-dir>}; the output directory may be a local path or on
 * HDFS ({@code hdfs://namenode:8020/lessons/orc}).
 */
public final class StripesAndIndexExample {

  static final long ROWS = 500_000;
  static final int STRIPE_BYTES = 1024 * 1024;
  static final int INDEX_STRIDE = 5_000;

  private StripesAndIndexExample() {}

  /** One stripe as orc-core reports it, with the id range from its statistics. */
  public record Stripe(
      long offset,
      long rows,
      long indexBytes,
      long dataBytes,
      long footerBytes,
      long minId,
      long maxId) {}

  /**
   * The file's row-index stride and its stripes; the columns of its type tree, the statistics
   * entries in its footer, the stripe statistics and the size of the metadata section that holds
   * them (from the postscript).
   */
  public record Layout(
      int rowIndexStride,
      List<Stripe> stripes,
      int columns,
      int footerStatistics,
      int stripeStatistics,
      long metadataBytes) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        StripesAndIndexExample.class,
        (spark, output) -> {
          Layout layout = writeAndRead(spark, new Path(output, "orders-striped"));
          System.out.printf(
              "setup: %,d orders (id, country, amount, customer_key, note) sorted on id, one file; "
                  + "orc.stripe.size %,d B asked, orc.row.index.stride %,d rows%n",
              ROWS, STRIPE_BYTES, INDEX_STRIDE);
          System.out.printf(
              "row index stride in the file %,d; %d stripes (a stripe's row groups: %,d rows each, "
                  + "the last one shorter):%n",
              layout.rowIndexStride(), layout.stripes().size(), layout.rowIndexStride());
          System.out.printf(
              "footer: %d statistics (one per column of %d); metadata section: %,d B, %d stripe statistics%n",
              layout.footerStatistics(),
              layout.columns(),
              layout.metadataBytes(),
              layout.stripeStatistics());
          layout
              .stripes()
              .forEach(
                  s ->
                      System.out.printf(
                          "  offset %,10d  rows %,7d (%d row groups)  index %,6d B  data %,9d B  footer %,4d B  on disk %,9d B  "
                              + "id %,d..%,d%n",
                          s.offset(),
                          s.rows(),
                          (s.rows() + layout.rowIndexStride() - 1) / layout.rowIndexStride(),
                          s.indexBytes(),
                          s.dataBytes(),
                          s.footerBytes(),
                          s.indexBytes() + s.dataBytes() + s.footerBytes(),
                          s.minId(),
                          s.maxId()));
          System.out.printf(
              "why not 1 MB and not a multiple of %,d rows: rows reach orc-core in batches of 1,024 and "
                  + "it checks its memory after every orc.rows.between.memory.checks (5,000) rows, so at every 5,120; it "
                  + "ends a stripe when its estimate of the stripe's memory passes %,d B: each stream's bytes "
                  + "compressed so far (a buffer is compressed as soon as it fills) plus its buffers' capacity, and "
                  + "for a dictionary-encoded string the dictionary and 4 bytes per row%n",
              INDEX_STRIDE, STRIPE_BYTES);
          System.out.println(
              "what this shows: a file is stripes of whole rows, each with a row index entry per "
                  + "row group of the stride; the row index lets a reader drop row groups, and a stripe whose "
                  + "row groups all fail; per-stripe statistics (the id ranges above) are for split planners");
        });
  }

  public static Layout writeAndRead(SparkSession spark, Path path) {
    return writeAndRead(spark, path, "zstd");
  }

  /** The lesson's file written with {@code codec}; the stripe size applies to the same estimate. */
  public static Layout writeAndRead(SparkSession spark, Path path, String codec) {
    OrcSampleData.orders(spark, ROWS, 1)
        .write()
        .mode("overwrite")
        .option("compression", codec)
        .option("orc.stripe.size", STRIPE_BYTES)
        .option("orc.row.index.stride", INDEX_STRIDE)
        .orc(path.toString());

    try (Reader reader = OrcFiles.openFirst(Lesson.fileSystem(spark, path), path)) {
      int idColumn = reader.getSchema().findSubtype("id").getId();
      List<StripeInformation> stripes = reader.getStripes();
      List<StripeStatistics> statistics = reader.getStripeStatistics();
      List<Stripe> result = new ArrayList<>();
      for (int i = 0; i < stripes.size(); i++) {
        StripeInformation s = stripes.get(i);
        IntegerColumnStatistics ids =
            (IntegerColumnStatistics) statistics.get(i).getColumnStatistics()[idColumn];
        result.add(
            new Stripe(
                s.getOffset(),
                s.getNumberOfRows(),
                s.getIndexLength(),
                s.getDataLength(),
                s.getFooterLength(),
                ids.getMinimum(),
                ids.getMaximum()));
      }
      return new Layout(
          reader.getRowIndexStride(),
          result,
          reader.getSchema().getMaximumId() + 1,
          reader.getFileTail().getFooter().getStatisticsCount(),
          statistics.size(),
          reader.getFileTail().getPostscript().getMetadataLength());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the ORC file in " + path, e);
    }
  }
}
