package dev.sparksuite.parquet;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.timestamp_seconds;

import dev.sparksuite.lessonkit.Lesson;
import dev.sparksuite.lessonkit.ScanMetrics;
import dev.sparksuite.lessonkit.SqlConf;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Timestamps in Parquet, and why the type decides whether a time filter skips anything. Spark 4.1.1
 * still writes {@code TIMESTAMP} columns as INT96 by default ({@code
 * spark.sql.parquet.outputTimestampType}), the 12-byte nanosecond layout Impala and Hive
 * introduced. Parquet defines no sort order for INT96, so parquet-java writes no min/max for it in
 * the row-group statistics (only the null count, and min/max only when every value is the same) and
 * no column index at all, and Spark does not push timestamp filters to an INT96 column. A filter on
 * such a column reads every row group, however the data is sorted.
 *
 * <p>With {@code TIMESTAMP_MICROS} (or {@code TIMESTAMP_MILLIS}) the column is an INT64 annotated
 * {@code TIMESTAMP(MICROS|MILLIS, isAdjustedToUTC=true)}, with statistics, and the same filter
 * skips row groups and pages. {@code TIMESTAMP_NTZ} (a timestamp without time zone) is always
 * written as {@code INT64 TIMESTAMP(MICROS, isAdjustedToUTC=false)}, whatever the setting says, and
 * it has statistics too — but Spark 4.1.1 converts filters to Parquet predicates only for
 * UTC-adjusted timestamps ({@code ParquetFilters} knows {@code TIMESTAMP(MICROS|MILLIS, true)}), so
 * a filter on a TIMESTAMP_NTZ column is not pushed to the reader and its scan emits every row.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.parquet.TimestampTypesExample
 * formats-parquet/target/formats-parquet.jar <output-dir>}; the output directory may be a local
 * path or on HDFS ({@code hdfs://namenode:8020/lessons/parquet}).
 */
public final class TimestampTypesExample {

  static final long ROWS = 400_000;
  static final int ROWS_PER_ROW_GROUP = 50_000;

  /**
   * One row per second from 2026-01-01T00:00:00Z; the filter takes one hour from row 200,000 on.
   */
  static final long START_SECONDS = 1_767_225_600L;

  static final long FILTER_FROM_ROW = 200_000;
  static final long FILTER_ROWS = 3_600;
  static final List<String> OUTPUT_TYPES = List.of("INT96", "TIMESTAMP_MICROS", "TIMESTAMP_MILLIS");

  private TimestampTypesExample() {}

  /**
   * How one column was stored: Parquet type, its row groups and how many of its chunks carry
   * min/max, rows out of Spark's scan.
   */
  public record Stored(
      String parquetType, int rowGroups, int rowGroupsWithMinMax, long scanRowsForOneHour) {}

  /**
   * One write: the setting, then the TIMESTAMP column {@code ts} and the TIMESTAMP_NTZ column
   * {@code ts_ntz}.
   */
  public record Written(String outputTimestampType, Stored ts, Stored tsNtz, long matchingRows) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        TimestampTypesExample.class,
        (spark, output) -> {
          System.out.printf(
              "setup: %,d rows, one per second, sorted; row groups of %,d rows; filter: one hour "
                  + "(%,d rows)%n",
              ROWS, ROWS_PER_ROW_GROUP, FILTER_ROWS);
          for (Written w : compare(spark, output)) {
            System.out.printf(
                "outputTimestampType=%s (%,d matching rows)%n",
                w.outputTimestampType(), w.matchingRows());
            print("ts", w.ts());
            print("ts_ntz", w.tsNtz());
          }
          System.out.println(
              "what this shows: INT96, Spark's default, has no min/max statistics, so a time filter reads "
                  + "everything; TIMESTAMP_MICROS lets the same filter skip row groups and pages; TIMESTAMP_NTZ filters "
                  + "are not pushed down by Spark 4.1.1");
        });
  }

  private static void print(String column, Stored s) {
    System.out.printf(
        "  %-7s %-48s min/max in %d of %d row groups, rows out of Spark's scan: %,d%n",
        column, s.parquetType(), s.rowGroupsWithMinMax(), s.rowGroups(), s.scanRowsForOneHour());
  }

  public static List<Written> compare(SparkSession spark, Path output) throws IOException {
    FileSystem fs = Lesson.fileSystem(spark, output);
    Dataset<Row> events =
        spark
            .range(0, ROWS, 1, 1)
            .select(
                col("id"),
                timestamp_seconds(lit(START_SECONDS).plus(col("id"))).as("ts"),
                timestamp_seconds(lit(START_SECONDS).plus(col("id")))
                    .cast("timestamp_ntz")
                    .as("ts_ntz"));
    List<Written> written = new ArrayList<>();
    for (String type : OUTPUT_TYPES) {
      Path dir = new Path(output, "events-" + type.toLowerCase());
      SqlConf.with(
          spark,
          "spark.sql.parquet.outputTimestampType",
          type,
          () -> {
            events
                .write()
                .mode("overwrite")
                .option("parquet.block.row.count.limit", ROWS_PER_ROW_GROUP)
                .parquet(dir.toString());
            return null;
          });
      Dataset<Row> read = spark.read().parquet(dir.toString());
      Column from = timestamp_seconds(lit(START_SECONDS + FILTER_FROM_ROW));
      Column to = timestamp_seconds(lit(START_SECONDS + FILTER_FROM_ROW + FILTER_ROWS - 1));
      long tsRows = scanRows(read.where(col("ts").between(from, to)));
      long ntzRows =
          scanRows(
              read.where(
                  col("ts_ntz").between(from.cast("timestamp_ntz"), to.cast("timestamp_ntz"))));
      written.add(
          new Written(
              type,
              stored(fs, dir, "ts", tsRows),
              stored(fs, dir, "ts_ntz", ntzRows),
              read.where(col("ts").between(from, to)).count()));
    }
    return written;
  }

  private static long scanRows(Dataset<Row> query) {
    return ScanMetrics.collectAndMeasure(query).rowsOutput();
  }

  private static Stored stored(FileSystem fs, Path dir, String column, long scanRows) {
    String type = null;
    int rowGroups = 0;
    int withMinMax = 0;
    for (Path file : ParquetFiles.dataFiles(fs, dir)) {
      for (BlockMetaData rowGroup : ParquetFiles.footer(fs, file).getBlocks()) {
        for (ColumnChunkMetaData chunk : rowGroup.getColumns()) {
          if (chunk.getPath().toDotString().equals(column)) {
            PrimitiveType primitive = chunk.getPrimitiveType();
            type =
                primitive.getPrimitiveTypeName()
                    + (primitive.getLogicalTypeAnnotation() == null
                        ? ""
                        : " " + primitive.getLogicalTypeAnnotation());
            rowGroups++;
            withMinMax += chunk.getStatistics().hasNonNullValue() ? 1 : 0;
          }
        }
      }
    }
    return new Stored(type, rowGroups, withMinMax, scanRows);
  }
}
