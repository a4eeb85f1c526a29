package dev.sparksuite.parquet;

import dev.sparksuite.lessons.Lesson;
import java.nio.file.Path;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.spark.sql.SparkSession;

/**
 * Lesson 10: column and offset indexes. Row-group statistics skip whole row groups; the column
 * index stores min/max for every page, and the offset index where each page starts, so a reader
 * can skip pages inside a row group it must read. Here the whole file is one row group, which
 * min/max cannot skip, yet a lookup of 100 sorted ids decodes only the pages that hold them
 * (about 1,000 rows each, set by {@code parquet.page.row.count.limit}).
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.parquet.PageIndexExample
 * formats-parquet/target/formats-parquet.jar <output-dir>}
 */
public final class PageIndexExample {

  static final long ROWS = 200_000;
  static final int ROWS_PER_PAGE = 1_000;

  private PageIndexExample() {}

  /** Row groups, whether every chunk has both indexes, and rows left after page-level filtering. */
  public record PageSkipping(int rowGroups, boolean indexesPresent, long rows, long rowsAfterPageFilter) {}

  public static void main(String[] args) {
    Path output = Lesson.outputDirectory(args, PageIndexExample.class);
    SparkSession spark = Lesson.session(PageIndexExample.class);
    try {
      PageSkipping p = skipPages(spark, output.resolve("orders-paged"));
      System.out.printf("%d row group(s), column and offset indexes on every chunk: %s%n", p.rowGroups(),
          p.indexesPresent());
      System.out.printf("id in [100000, 100099]: %,d of %,d rows remain after page-level filtering%n",
          p.rowsAfterPageFilter(), p.rows());
    } finally {
      spark.stop();
    }
  }

  public static PageSkipping skipPages(SparkSession spark, Path path) {
    SampleData.orders(spark, ROWS, 1).select("id", "amount").write().mode("overwrite")
        .option("parquet.page.row.count.limit", ROWS_PER_PAGE)
        .parquet(path.toString());

    int rowGroups = 0;
    boolean indexes = true;
    for (Path file : ParquetFooters.dataFiles(path)) {
      for (BlockMetaData rowGroup : ParquetFooters.footer(file).getBlocks()) {
        rowGroups++;
        for (ColumnChunkMetaData column : rowGroup.getColumns()) {
          indexes &= column.getColumnIndexReference() != null && column.getOffsetIndexReference() != null;
        }
      }
    }
    FilterPredicate range = FilterApi.and(
        FilterApi.gtEq(FilterApi.longColumn("id"), 100_000L), FilterApi.ltEq(FilterApi.longColumn("id"), 100_099L));
    return new PageSkipping(rowGroups, indexes, ROWS, ParquetFooters.rowsAfterColumnIndexFilter(path, range));
  }
}
