package dev.sparksuite.parquet;

import static org.apache.spark.sql.functions.col;

import dev.sparksuite.lessonkit.Lesson;
import dev.sparksuite.lessonkit.ScanMetrics;
import dev.sparksuite.lessonkit.ScanMetrics.Scan;
import dev.sparksuite.lessonkit.SqlConf;
import dev.sparksuite.parquet.ParquetFiles.RowGroupFilter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Spark 4's VARIANT type in Parquet, shredded and not. A VARIANT holds semi-structured data (here
 * JSON objects) as two binaries, {@code metadata} (the field names) and {@code value}. Shredding
 * also writes the fields it finds as typed columns of their own: the {@code id} field becomes the
 * leaf {@code v.typed_value.id.typed_value}, an INT64 column with min/max statistics in every row
 * group like any other column, next to a {@code v.typed_value.id.value} binary for values that do
 * not fit that type.
 *
 * <p>Spark 4.1.1 shreds by default: {@code spark.sql.variant.writeShredding.enabled} and {@code
 * spark.sql.variant.inferShreddingSchema} are both on, and each file's shredding schema is inferred
 * from the first rows its writer buffers (4,096 rows, or fewer if they pass 64 MB). Switching the
 * first off writes the unshredded layout: {@code v.metadata} and {@code v.value} only.
 *
 * <p>What the statistics buy, measured on ids sorted into dozens of row groups: parquet-hadoop,
 * given a range filter on the shredded leaf, keeps 1 row group of them (2 if the range straddles a
 * boundary). Spark 4.1.1 does not: for {@code variant_get(v, '$.id', 'int') BETWEEN …} it rewrites
 * the read schema to the requested fields ({@code spark.sql.variant.pushVariantIntoScan}, on by
 * default) and lists the filter under PushedFilters as {@code v.`1`}, a field of that rewritten
 * schema, yet its scan returns every row of the file, shredded or not. The same filter on a plain
 * column of the same file returns about one row group.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.parquet.VariantShreddingExample
 * formats-parquet/target/formats-parquet.jar <output-dir>}; the output directory may be a local
 * path or on HDFS ({@code hdfs://namenode:8020/lessons/parquet}).
 */
public final class VariantShreddingExample {

  static final long ROWS = 400_000;

  /** Small row groups (1 MB of buffered data) so that the file has dozens of them. */
  static final int ROW_GROUP_BYTES = 1024 * 1024;

  static final long LOW = 200_000;
  static final long HIGH = 200_999;
  static final String WRITE_SHREDDING = "spark.sql.variant.writeShredding.enabled";
  static final String SHREDDED_ID = "v.typed_value.id.typed_value";

  private VariantShreddingExample() {}

  /**
   * A file as its footer describes it: leaf columns, row groups, bytes, the min and max of the
   * shredded id leaf in its first row group (empty when the file is not shredded), and the rows of
   * the row groups whose plain {@code id} column overlaps [LOW, HIGH].
   */
  public record Footer(
      List<String> leafColumns,
      int rowGroups,
      long bytes,
      String firstIdStatistics,
      long rowsInOverlappingRowGroups) {}

  /**
   * A filter on the variant field and on the plain column: rows out of Spark's scan for each, the
   * scan's read schema and pushed filters for the variant filter, and the rows that match.
   */
  public record Filtering(
      long scanRowsVariantFilter,
      long scanRowsColumnFilter,
      String readSchema,
      String pushedFilters,
      long matchingRows) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        VariantShreddingExample.class,
        (spark, output) -> {
          Path shreddedPath = new Path(output, "shredded");
          Path plainPath = new Path(output, "unshredded");
          Footer shredded = write(spark, shreddedPath, true);
          Footer plain = write(spark, plainPath, false);
          System.out.printf(
              "setup: %,d rows of id BIGINT and v VARIANT = {id, price, sku, note}, sorted on id%n",
              ROWS);
          System.out.printf(
              "shredded:   %,d bytes, %d row groups, leaves %s%n",
              shredded.bytes(), shredded.rowGroups(), shredded.leafColumns());
          System.out.printf(
              "            %s in row group 0: %s%n", SHREDDED_ID, shredded.firstIdStatistics());
          System.out.printf(
              "unshredded: %,d bytes, %d row groups, leaves %s%n",
              plain.bytes(), plain.rowGroups(), plain.leafColumns());
          System.out.printf(
              "parquet-hadoop, %s in [%d, %d]: reads %d of %d row groups%n",
              SHREDDED_ID,
              LOW,
              HIGH,
              rowGroupsReadOnShreddedId(Lesson.fileSystem(spark, shreddedPath), shreddedPath),
              shredded.rowGroups());
          for (Path file : List.of(shreddedPath, plainPath)) {
            Filtering f = filter(spark, file);
            System.out.printf(
                "Spark, %s file: variant_get(v, '$.id', 'int') in [%d, %d]: %,d rows out of the scan"
                    + " (%,d match); the same on column id: %,d%n",
                file.getName(),
                LOW,
                HIGH,
                f.scanRowsVariantFilter(),
                f.matchingRows(),
                f.scanRowsColumnFilter());
            System.out.printf(
                "            read schema %s, pushed filters %s%n",
                f.readSchema(), f.pushedFilters());
          }
          System.out.println(
              "what this shows: shredding gives a variant field typed columns with min/max statistics; "
                  + "parquet-hadoop skips row groups with them, Spark 4.1.1's scan does not");
        });
  }

  /**
   * Writes the rows, shredded or not, and reads back the footer. Shredded is Spark 4.1.1's default,
   * so that write leaves the session's settings alone; only the unshredded one switches it off.
   */
  public static Footer write(SparkSession spark, Path path, boolean shredding) throws IOException {
    SqlConf.with(
        spark,
        shredding ? Map.of() : Map.of(WRITE_SHREDDING, "false"),
        () -> {
          // One partition, ids in order: every row group covers its own id range.
          spark
              .range(0, ROWS, 1, 1)
              .selectExpr(
                  "id",
                  "parse_json(to_json(named_struct('id', id, 'price', cast(id % 1000 as int),"
                      + " 'sku', concat('sku-', id % 50), 'note', concat('order ', id)))) AS v")
              .write()
              .mode("overwrite")
              .option("parquet.block.size", ROW_GROUP_BYTES)
              .parquet(path.toString());
          return null;
        });

    FileSystem fs = Lesson.fileSystem(spark, path);
    List<Path> files = ParquetFiles.dataFiles(fs, path);
    if (files.size() != 1) {
      throw new IllegalStateException(
          "expected one data file in " + path + ", found " + files.size());
    }
    ParquetMetadata footer = ParquetFiles.footer(fs, files.get(0));
    List<String> leaves = new ArrayList<>();
    footer
        .getFileMetaData()
        .getSchema()
        .getColumns()
        .forEach(c -> leaves.add(String.join(".", c.getPath())));
    String firstIdStatistics = "";
    long overlapping = 0;
    for (BlockMetaData rowGroup : footer.getBlocks()) {
      for (ColumnChunkMetaData chunk : rowGroup.getColumns()) {
        String name = chunk.getPath().toDotString();
        Statistics<?> stats = chunk.getStatistics();
        if (name.equals(SHREDDED_ID) && firstIdStatistics.isEmpty()) {
          firstIdStatistics = "min " + stats.genericGetMin() + ", max " + stats.genericGetMax();
        }
        if (name.equals("id")
            && (Long) stats.genericGetMin() <= HIGH
            && (Long) stats.genericGetMax() >= LOW) {
          overlapping += rowGroup.getRowCount();
        }
      }
    }
    return new Footer(
        leaves,
        footer.getBlocks().size(),
        ParquetFiles.size(fs, path),
        firstIdStatistics,
        overlapping);
  }

  /**
   * Row groups parquet-hadoop keeps for the range on the shredded leaf, by its min/max statistics.
   */
  public static int rowGroupsReadOnShreddedId(FileSystem fs, Path path) {
    FilterPredicate range =
        FilterApi.and(
            FilterApi.gtEq(FilterApi.longColumn(SHREDDED_ID), LOW),
            FilterApi.ltEq(FilterApi.longColumn(SHREDDED_ID), HIGH));
    return ParquetFiles.rowGroupsRead(fs, path, range, RowGroupFilter.STATISTICS);
  }

  /** The range filter through Spark, on the variant field and on the plain column. */
  public static Filtering filter(SparkSession spark, Path path) {
    Dataset<Row> file = spark.read().parquet(path.toString());
    Dataset<Row> onVariant =
        file.where("variant_get(v, '$.id', 'int') BETWEEN " + LOW + " AND " + HIGH)
            .selectExpr("variant_get(v, '$.sku', 'string') AS sku");
    Dataset<Row> onColumn = file.where(col("id").between(LOW, HIGH)).select("id");
    Scan variantScan = ScanMetrics.collectAndMeasure(onVariant);
    Scan columnScan = ScanMetrics.collectAndMeasure(onColumn);
    return new Filtering(
        variantScan.rowsOutput(),
        columnScan.rowsOutput(),
        variantScan.readSchema(),
        variantScan.pushedFilters(),
        onVariant.count());
  }
}
