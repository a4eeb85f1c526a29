package dev.sparksuite.parquet;

import dev.sparksuite.lessonkit.Lesson;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Overwriting a partitioned table. {@code mode("overwrite").partitionBy("country")} replaces what?
 * With {@code spark.sql.sources.partitionOverwriteMode=static}, Spark's default, the whole table:
 * every partition is deleted, also those the new rows do not touch, so overwriting the DE rows of a
 * table of three countries leaves a table of DE alone. With {@code dynamic} (the session setting,
 * or the write option {@code partitionOverwriteMode}, which wins over it) Spark replaces only the
 * partitions the new rows fall into and keeps the others.
 *
 * <p>How many files a partitioned write makes: each task writes one file for every partition value
 * among its rows, so up to tasks × partitions files; {@code maxRecordsPerFile} then starts a new
 * file whenever one reaches that many rows.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.parquet.PartitionOverwriteExample
 * formats-parquet/target/formats-parquet.jar <output-dir>}; the output directory may be a local
 * path or on HDFS ({@code hdfs://namenode:8020/lessons/parquet}).
 */
public final class PartitionOverwriteExample {

  static final long ROWS = 3_000;
  static final int TASKS = 4;
  static final int MAX_RECORDS_PER_FILE = 100;

  private PartitionOverwriteExample() {}

  /** A table's partitions (directory names) and rows, by country. */
  public record Table(List<String> partitions, List<Row> rowsPerCountry) {}

  /**
   * The table before the overwrite, after a static and after a dynamic overwrite of the DE rows,
   * and the files of a write of {@link #ROWS} rows in {@link #TASKS} tasks, without and with {@link
   * #MAX_RECORDS_PER_FILE}.
   */
  public record Overwrites(
      Table before, Table afterStatic, Table afterDynamic, int files, int filesWithMaxRecords) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        PartitionOverwriteExample.class,
        (spark, output) -> {
          System.out.printf(
              "setup: %,d orders partitioned by country (DE, FR, NL) in %d tasks, then 10 new DE orders "
                  + "written with mode(\"overwrite\").partitionBy(\"country\"); "
                  + "spark.sql.sources.partitionOverwriteMode=%s%n",
              ROWS, TASKS, spark.conf().get("spark.sql.sources.partitionOverwriteMode"));
          Overwrites o = overwrite(spark, output);
          System.out.println("before:                " + o.before());
          System.out.println("after a static overwrite:  " + o.afterStatic());
          System.out.println("after a dynamic overwrite: " + o.afterDynamic());
          System.out.printf(
              "files: %d for %d tasks x 3 partitions; %d with maxRecordsPerFile=%d%n",
              o.files(), TASKS, o.filesWithMaxRecords(), MAX_RECORDS_PER_FILE);
          System.out.println(
              "what this shows: a static overwrite (the default) deletes every partition of the table, "
                  + "a dynamic one replaces only the partitions it writes; each task writes a file per "
                  + "partition it holds, split at maxRecordsPerFile");
        });
  }

  public static Overwrites overwrite(SparkSession spark, Path output) throws IOException {
    FileSystem fs = Lesson.fileSystem(spark, output);
    Path staticTable = new Path(output, "orders-static");
    Path dynamicTable = new Path(output, "orders-dynamic");
    write(orders(spark, 0, ROWS), staticTable, SaveMode.ErrorIfExists, null, 0);
    write(orders(spark, 0, ROWS), dynamicTable, SaveMode.ErrorIfExists, null, 0);
    Table before = table(spark, fs, staticTable);

    // Ten new orders, all from DE; the same write, once per mode.
    Dataset<Row> germanOrders = orders(spark, ROWS, 30).where("country = 'DE'");
    write(germanOrders, staticTable, SaveMode.Overwrite, null, 0);
    write(germanOrders, dynamicTable, SaveMode.Overwrite, "dynamic", 0);

    Path files = new Path(output, "orders-files");
    Path split = new Path(output, "orders-files-split");
    write(orders(spark, 0, ROWS), files, SaveMode.ErrorIfExists, null, 0);
    write(orders(spark, 0, ROWS), split, SaveMode.ErrorIfExists, null, MAX_RECORDS_PER_FILE);
    return new Overwrites(
        before,
        table(spark, fs, staticTable),
        table(spark, fs, dynamicTable),
        ParquetFiles.dataFiles(fs, files).size(),
        ParquetFiles.dataFiles(fs, split).size());
  }

  /**
   * Orders with ids [from, from + count), country DE, FR, NL in turn, spread round-robin over
   * {@link #TASKS} tasks: every task holds orders of every country.
   */
  static Dataset<Row> orders(SparkSession spark, long from, long count) {
    return spark
        .range(from, from + count)
        .selectExpr(
            "id",
            "element_at(array('DE', 'FR', 'NL'), CAST(id % 3 AS INT) + 1) AS country",
            "id % 100 + 1 AS amount")
        .repartition(TASKS);
  }

  /** {@code mode} null: the session's partitionOverwriteMode decides. */
  static void write(
      Dataset<Row> rows, Path table, SaveMode saveMode, String mode, int maxRecordsPerFile) {
    var writer = rows.write().mode(saveMode).partitionBy("country");
    if (mode != null) {
      writer = writer.option("partitionOverwriteMode", mode);
    }
    if (maxRecordsPerFile > 0) {
      writer = writer.option("maxRecordsPerFile", maxRecordsPerFile);
    }
    writer.parquet(table.toString());
  }

  static Table table(SparkSession spark, FileSystem fs, Path table) throws IOException {
    List<String> partitions =
        Arrays.stream(fs.listStatus(table))
            .filter(FileStatus::isDirectory)
            .map(s -> s.getPath().getName())
            .sorted()
            .toList();
    List<Row> rows =
        spark
            .read()
            .parquet(table.toString())
            .groupBy("country")
            .count()
            .orderBy("country")
            .collectAsList();
    return new Table(partitions, rows);
  }
}
