package dev.sparksuite.parquet;

import static org.apache.spark.sql.functions.col;

import dev.sparksuite.lessonkit.Lesson;
import dev.sparksuite.lessonkit.ScanMetrics;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.spark.sql.SparkSession;

/**
 * Column and offset indexes, and page skipping inside a row group. Row-group statistics skip whole
 * row groups; the column index stores min/max for every page, and the offset index where each page
 * starts and which row it begins with, so a reader can skip pages inside a row group it must read.
 * Here the whole file is one row group, which min/max cannot skip, but it holds 200 pages per
 * column ({@code parquet.page.row.count.limit} 1,000 rows).
 *
 * <p>Spark's vectorized reader asks parquet-hadoop for the row group already filtered by the column
 * index ({@code ParquetFileReader.readNextFilteredRowGroup}), so a lookup of 100 sorted ids decodes
 * and emits only the rows of the pages that can hold them — about one page, not the row group.
 * Reading with {@code parquet.filter.columnindex.enabled=false} (a Hadoop option Spark passes to
 * the reader) turns that off, and the scan emits the whole row group.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.parquet.PageIndexExample
 * formats-parquet/target/formats-parquet.jar <output-dir>}; the output directory may be a local
 * path or on HDFS ({@code hdfs://namenode:8020/lessons/parquet}).
 */
public final class PageIndexExample {

  static final long ROWS = 200_000;
  static final int ROWS_PER_PAGE = 1_000;
  static final long LOW = 100_000;
  static final long HIGH = 100_099;

  private PageIndexExample() {}

  /**
   * Row groups, data pages of {@code id} per row group, whether every chunk has both indexes; rows
   * left after parquet-hadoop's page filtering; rows out of Spark's scan with the column index used
   * and not used.
   */
  public record PageSkipping(
      int rowGroups,
      List<Integer> idPagesPerRowGroup,
      boolean indexesPresent,
      long rows,
      long rowsAfterPageFilter,
      long scanRowsWithIndex,
      long scanRowsWithoutIndex) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        PageIndexExample.class,
        (spark, output) -> {
          PageSkipping p = skipPages(spark, new Path(output, "orders-paged"));
          System.out.printf(
              "setup: %,d rows in %d row group(s), pages of %,d rows: id pages per row group %s; "
                  + "column and offset indexes on every chunk: %s%n",
              p.rows(), p.rowGroups(), ROWS_PER_PAGE, p.idPagesPerRowGroup(), p.indexesPresent());
          System.out.printf(
              "filter id in [%d, %d]: parquet-hadoop's page filter leaves %,d of %,d rows%n",
              LOW, HIGH, p.rowsAfterPageFilter(), p.rows());
          System.out.printf(
              "rows out of Spark's scan: %,d with the column index, %,d without%n",
              p.scanRowsWithIndex(), p.scanRowsWithoutIndex());
          System.out.println(
              "what this shows: the column index lets Spark skip pages inside a row group that "
                  + "row-group statistics must keep");
        });
  }

  public static PageSkipping skipPages(SparkSession spark, Path path) throws IOException {
    ParquetSampleData.orders(spark, ROWS, 1)
        .select("id", "amount")
        .write()
        .mode("overwrite")
        .option("parquet.page.row.count.limit", ROWS_PER_PAGE)
        .parquet(path.toString());

    FileSystem fs = Lesson.fileSystem(spark, path);
    int rowGroups = 0;
    boolean indexes = true;
    for (Path file : ParquetFiles.dataFiles(fs, path)) {
      for (BlockMetaData rowGroup : ParquetFiles.footer(fs, file).getBlocks()) {
        rowGroups++;
        for (ColumnChunkMetaData column : rowGroup.getColumns()) {
          indexes &=
              column.getColumnIndexReference() != null && column.getOffsetIndexReference() != null;
        }
      }
    }
    FilterPredicate range =
        FilterApi.and(
            FilterApi.gtEq(FilterApi.longColumn("id"), LOW),
            FilterApi.ltEq(FilterApi.longColumn("id"), HIGH));
    return new PageSkipping(
        rowGroups,
        ParquetFiles.dataPagesPerRowGroup(fs, ParquetFiles.dataFiles(fs, path).get(0), "id"),
        indexes,
        ROWS,
        ParquetFiles.rowsAfterColumnIndexFilter(fs, path, range),
        scanRows(spark, path, true),
        scanRows(spark, path, false));
  }

  private static long scanRows(SparkSession spark, Path path, boolean columnIndex) {
    return ScanMetrics.collectAndMeasure(
            spark
                .read()
                .option("parquet.filter.columnindex.enabled", columnIndex)
                .parquet(path.toString())
                .where(col("id").between(LOW, HIGH)))
        .rowsOutput();
  }
}
