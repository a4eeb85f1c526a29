package dev.sparksuite.parquet;

import dev.sparksuite.lessonkit.Lesson;
import dev.sparksuite.lessonkit.ScanMetrics;
import dev.sparksuite.lessonkit.TaskInput;
import java.io.IOException;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Column pruning. Parquet stores each column in its own chunks, so a query that needs two of ten
 * columns asks the reader for exactly those two and the other eight are never read from disk. Two
 * measurements show it: the scan's read schema in the plan (what Spark asked for), and the bytes
 * its tasks read from storage (what it cost), next to the footer's sizes of the two column chunks.
 *
 * <p>A trap when measuring: parquet-java 1.16 reads column chunks with Hadoop's vectored IO by
 * default ({@code parquet.hadoop.vectored.io.enabled}), and on the local file system those reads do
 * not reach Hadoop's file-system statistics, which Spark's input metrics come from: the tasks then
 * report only the footer's bytes, for any number of columns. The lesson reads with vectored IO off
 * so that every byte is counted, and prints the default's figure beside it.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.parquet.ColumnPruningExample
 * formats-parquet/target/formats-parquet.jar <output-dir>}; the output directory may be a local
 * path or on HDFS ({@code hdfs://namenode:8020/lessons/parquet}).
 */
public final class ColumnPruningExample {

  static final long ROWS = 200_000;
  static final Set<String> TWO_COLUMNS = Set.of("id", "amount");

  private ColumnPruningExample() {}

  /**
   * Columns in the file and bytes of all its column chunks; bytes of the id and amount chunks; the
   * read schema and bytes read of {@code select *} and of {@code select id, amount}; bytes Spark
   * counts for {@code select *} with vectored IO on.
   */
  public record Pruning(
      int columnsInFile,
      long chunkBytesAll,
      long chunkBytesTwo,
      String readSchemaAll,
      long bytesReadAll,
      String readSchemaTwo,
      long bytesReadTwo,
      long bytesReadAllVectored) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        ColumnPruningExample.class,
        (spark, output) -> {
          Pruning p = prune(spark, new Path(output, "orders"));
          System.out.printf(
              "setup: %,d orders, one file, %d columns; column chunks %,d bytes in all, id + amount %,d%n",
              ROWS, p.columnsInFile(), p.chunkBytesAll(), p.chunkBytesTwo());
          System.out.printf(
              "select *             reads %s%n%21s bytes read by the tasks: %,d%n",
              p.readSchemaAll(), "", p.bytesReadAll());
          System.out.printf(
              "select id, amount    reads %s%n%21s bytes read by the tasks: %,d%n",
              p.readSchemaTwo(), "", p.bytesReadTwo());
          System.out.printf(
              "(with vectored IO on, the default, Spark counts %,d bytes for select *: the footer only)%n",
              p.bytesReadAllVectored());
          System.out.printf(
              "what this shows: two of ten columns cost %.0f%% of the bytes; the other chunks were never read%n",
              100.0 * p.bytesReadTwo() / p.bytesReadAll());
        });
  }

  public static Pruning prune(SparkSession spark, Path path) throws IOException {
    ParquetSampleData.orders(spark, ROWS, 1).write().mode("overwrite").parquet(path.toString());

    Dataset<Row> all =
        spark.read().option("parquet.hadoop.vectored.io.enabled", false).parquet(path.toString());
    Dataset<Row> two = all.select("id", "amount");
    String[] schemas = new String[2];
    long bytesAll =
        TaskInput.bytesRead(
            spark, () -> schemas[0] = ScanMetrics.collectAndMeasure(all).readSchema());
    long bytesTwo =
        TaskInput.bytesRead(
            spark, () -> schemas[1] = ScanMetrics.collectAndMeasure(two).readSchema());
    long bytesAllVectored =
        TaskInput.bytesRead(
            spark, () -> ScanMetrics.collectAndMeasure(spark.read().parquet(path.toString())));

    long chunkBytesAll = 0;
    long chunkBytesTwo = 0;
    int columns = 0;
    FileSystem fs = Lesson.fileSystem(spark, path);
    for (Path file : ParquetFiles.dataFiles(fs, path)) {
      var footer = ParquetFiles.footer(fs, file);
      columns = footer.getFileMetaData().getSchema().getColumns().size();
      for (BlockMetaData rowGroup : footer.getBlocks()) {
        for (ColumnChunkMetaData chunk : rowGroup.getColumns()) {
          chunkBytesAll += chunk.getTotalSize();
          if (TWO_COLUMNS.contains(chunk.getPath().toDotString())) {
            chunkBytesTwo += chunk.getTotalSize();
          }
        }
      }
    }
    return new Pruning(
        columns,
        chunkBytesAll,
        chunkBytesTwo,
        schemas[0],
        bytesAll,
        schemas[1],
        bytesTwo,
        bytesAllVectored);
  }
}
