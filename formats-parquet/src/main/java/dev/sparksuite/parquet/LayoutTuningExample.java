package dev.sparksuite.parquet;

import dev.sparksuite.lessonkit.Lesson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The file's layout. A row group ({@code parquet.block.size}, 128 MB of buffered data by default)
 * is the unit of parallelism and of row-group skipping; a page ({@code parquet.page.size}, 1 MB,
 * and at most {@code parquet.page.row.count.limit}, 20,000 rows) is the unit of compression and of
 * page-level skipping. The offset index lists every data page of a column chunk, so the page count
 * per chunk is read from it. Dictionary encoding ({@code parquet.enable.dictionary}) stores each
 * distinct value once and the rows as small integer ids: a large win for low-cardinality columns
 * such as {@code country}, none for unique values. The writer gives the dictionary up by itself,
 * for the rest of the column chunk, in two cases: when the first page is done, if the dictionary
 * plus the page's ids are not smaller than the same values written plain (always so for unique
 * values: the dictionary alone is as big), and whenever the dictionary passes {@code
 * parquet.dictionary.page.size} (1 MB). (Spark writes format v1 data pages, where the footer calls
 * dictionary-encoded chunks {@code PLAIN_DICTIONARY}.)
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.parquet.LayoutTuningExample
 * formats-parquet/target/formats-parquet.jar <output-dir>}; the output directory may be a local
 * path or on HDFS ({@code hdfs://namenode:8020/lessons/parquet}).
 */
public final class LayoutTuningExample {

  static final long ROWS = 500_000;

  private LayoutTuningExample() {}

  /**
   * One layout: its settings, row groups, data pages of the {@code id} column (all row groups),
   * bytes, and the encodings of the country column.
   */
  public record Layout(
      String name, int rowGroups, int idPages, long bytes, Set<String> countryEncodings) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        LayoutTuningExample.class,
        (spark, output) -> {
          System.out.printf(
              "setup: %,d orders (id, country, sku, customer_key), one file per layout%n", ROWS);
          System.out.printf(
              "%-16s %10s %8s %12s  %s%n",
              "layout", "row groups", "id pages", "bytes", "country encodings");
          for (Layout l : compareLayouts(spark, output, ROWS)) {
            System.out.printf(
                "%-16s %10d %8d %,12d  %s%n",
                l.name(), l.rowGroups(), l.idPages(), l.bytes(), l.countryEncodings());
          }
          System.out.println(
              "what this shows: block size sets the row groups, page size the pages inside them, "
                  + "and a dictionary is what makes a low-cardinality column small");
        });
  }

  public static List<Layout> compareLayouts(SparkSession spark, Path output, long rows)
      throws IOException {
    FileSystem fs = Lesson.fileSystem(spark, output);
    Dataset<Row> orders =
        ParquetSampleData.orders(spark, rows, 1).select("id", "country", "sku", "customer_key");
    List<Layout> layouts = new ArrayList<>();
    layouts.add(write(fs, orders, output, "defaults", 128 * 1024 * 1024, 1024 * 1024, true));
    layouts.add(write(fs, orders, output, "1 MB row groups", 1024 * 1024, 1024 * 1024, true));
    layouts.add(write(fs, orders, output, "64 KB pages", 128 * 1024 * 1024, 64 * 1024, true));
    layouts.add(write(fs, orders, output, "dictionary off", 128 * 1024 * 1024, 1024 * 1024, false));
    return layouts;
  }

  private static Layout write(
      FileSystem fs,
      Dataset<Row> orders,
      Path output,
      String name,
      int rowGroupBytes,
      int pageBytes,
      boolean dictionary) {
    Path dir = new Path(output, name.replace(' ', '-'));
    orders
        .coalesce(1)
        .write()
        .mode("overwrite")
        .option("parquet.block.size", rowGroupBytes)
        .option("parquet.page.size", pageBytes)
        .option("parquet.enable.dictionary", dictionary)
        .parquet(dir.toString());
    Set<String> encodings = new TreeSet<>();
    int rowGroups = 0;
    int idPages = 0;
    for (Path file : ParquetFiles.dataFiles(fs, dir)) {
      idPages +=
          ParquetFiles.dataPagesPerRowGroup(fs, file, "id").stream()
              .mapToInt(Integer::intValue)
              .sum();
      for (BlockMetaData rowGroup : ParquetFiles.footer(fs, file).getBlocks()) {
        rowGroups++;
        for (ColumnChunkMetaData column : rowGroup.getColumns()) {
          if (column.getPath().toDotString().equals("country")) {
            column.getEncodings().stream().map(Encoding::name).forEach(encodings::add);
          }
        }
      }
    }
    return new Layout(name, rowGroups, idPages, ParquetFiles.size(fs, dir), encodings);
  }
}
