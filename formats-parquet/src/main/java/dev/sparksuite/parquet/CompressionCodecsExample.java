package dev.sparksuite.parquet;

import dev.sparksuite.lessons.Lesson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Lesson 2: compression codecs. Parquet compresses each column chunk's pages with the codec the
 * writer chose and records that codec per column chunk in the footer, so a reader needs no option
 * to decompress. Spark writes snappy by default: fast, moderate ratio. zstd usually gives the
 * smallest files at similar read speed; gzip is small and slow to write.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.parquet.CompressionCodecsExample
 * formats-parquet/target/formats-parquet.jar <output-dir>}
 */
public final class CompressionCodecsExample {

  /** The codec names Spark accepts for {@code compression}. */
  public static final List<String> CODECS = List.of("uncompressed", "snappy", "gzip", "zstd");

  private CompressionCodecsExample() {}

  /** One codec's outcome: the codec names found in the footers, and the bytes on disk. */
  public record CodecResult(String requested, Set<String> footerCodecs, long bytes, long rowsReadBack) {}

  public static void main(String[] args) {
    Path output = Lesson.outputDirectory(args, CompressionCodecsExample.class);
    SparkSession spark = Lesson.session(CompressionCodecsExample.class);
    try {
      System.out.printf("%-13s %-14s %12s%n", "codec", "footer says", "bytes");
      for (CodecResult r : compareCodecs(spark, output, 200_000)) {
        System.out.printf("%-13s %-14s %,12d%n", r.requested(), r.footerCodecs(), r.bytes());
      }
    } finally {
      spark.stop();
    }
  }

  public static List<CodecResult> compareCodecs(SparkSession spark, Path output, long rows) {
    Dataset<Row> orders = SampleData.orders(spark, rows, 1);
    List<CodecResult> results = new ArrayList<>();
    for (String codec : CODECS) {
      Path dir = output.resolve("orders-" + codec);
      orders.write().mode("overwrite").option("compression", codec).parquet(dir.toString());
      results.add(new CodecResult(codec, footerCodecs(dir), ParquetFooters.size(dir),
          spark.read().parquet(dir.toString()).count()));
    }
    return results;
  }

  /** Every column chunk's codec, as parquet-hadoop reads it from the footers. */
  static Set<String> footerCodecs(Path dir) {
    Set<String> codecs = new TreeSet<>();
    for (Path file : ParquetFooters.dataFiles(dir)) {
      for (BlockMetaData rowGroup : ParquetFooters.footer(file).getBlocks()) {
        for (ColumnChunkMetaData column : rowGroup.getColumns()) {
          codecs.add(column.getCodec().name());
        }
      }
    }
    return codecs;
  }
}
