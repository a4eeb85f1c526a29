package dev.sparksuite.parquet;

import dev.sparksuite.lessons.Lesson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Lesson 8: the file's layout. A row group ({@code parquet.block.size}, 128 MB by default) is the
 * unit of parallelism and of skipping; a page ({@code parquet.page.size}, 1 MB) is the unit of
 * compression and of page-level skipping. Dictionary encoding ({@code parquet.enable.dictionary})
 * stores each distinct value once and the rows as small integer ids: a large win for
 * low-cardinality columns such as {@code country}, none for unique values, where Parquet falls
 * back to plain encoding by itself once the dictionary grows too large. (Spark writes format v1
 * data pages, where the footer calls dictionary-encoded chunks {@code PLAIN_DICTIONARY}.)
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.parquet.LayoutTuningExample
 * formats-parquet/target/formats-parquet.jar <output-dir>}
 */
public final class LayoutTuningExample {

  private LayoutTuningExample() {}

  /** One layout: its settings, row groups, bytes, and the encodings of the country column. */
  public record Layout(String name, int rowGroups, long bytes, Set<String> countryEncodings) {}

  public static void main(String[] args) {
    Path output = Lesson.outputDirectory(args, LayoutTuningExample.class);
    SparkSession spark = Lesson.session(LayoutTuningExample.class);
    try {
      System.out.printf("%-32s %10s %12s  %s%n", "layout", "row groups", "bytes", "country encodings");
      for (Layout l : compareLayouts(spark, output, 500_000)) {
        System.out.printf("%-32s %10d %,12d  %s%n", l.name(), l.rowGroups(), l.bytes(), l.countryEncodings());
      }
    } finally {
      spark.stop();
    }
  }

  public static List<Layout> compareLayouts(SparkSession spark, Path output, long rows) {
    Dataset<Row> orders = SampleData.orders(spark, rows, 1).select("id", "country", "sku", "customer_key");
    List<Layout> layouts = new ArrayList<>();
    layouts.add(write(orders, output, "defaults", 128 * 1024 * 1024, 1024 * 1024, true));
    layouts.add(write(orders, output, "1 MB row groups", 1024 * 1024, 1024 * 1024, true));
    layouts.add(write(orders, output, "64 KB pages", 128 * 1024 * 1024, 64 * 1024, true));
    layouts.add(write(orders, output, "dictionary off", 128 * 1024 * 1024, 1024 * 1024, false));
    return layouts;
  }

  private static Layout write(Dataset<Row> orders, Path output, String name, int rowGroupBytes,
      int pageBytes, boolean dictionary) {
    Path dir = output.resolve(name.replace(' ', '-'));
    orders.coalesce(1).write().mode("overwrite")
        .option("parquet.block.size", rowGroupBytes)
        .option("parquet.page.size", pageBytes)
        .option("parquet.enable.dictionary", dictionary)
        .parquet(dir.toString());
    Set<String> encodings = new TreeSet<>();
    int rowGroups = 0;
    for (Path file : ParquetFooters.dataFiles(dir)) {
      for (BlockMetaData rowGroup : ParquetFooters.footer(file).getBlocks()) {
        rowGroups++;
        for (ColumnChunkMetaData column : rowGroup.getColumns()) {
          if (column.getPath().toDotString().equals("country")) {
            column.getEncodings().stream().map(Encoding::name).forEach(encodings::add);
          }
        }
      }
    }
    return new Layout(name, rowGroups, ParquetFooters.size(dir), encodings);
  }
}
