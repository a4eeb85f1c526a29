package dev.sparksuite.parquet;

import static org.apache.spark.sql.functions.col;

import dev.sparksuite.lessonkit.DataFiles;
import dev.sparksuite.lessonkit.Lesson;
import dev.sparksuite.lessonkit.ScanMetrics;
import dev.sparksuite.lessonkit.ScanMetrics.Scan;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Partitioned writes and partition pruning. {@code partitionBy("country")} writes one directory per
 * value ({@code country=DE/…}) and leaves the column out of the files: the value lives in the path.
 * On read, Spark discovers the directories and turns them back into a column; a filter on that
 * column is a partition filter, applied to the directory list while planning, so the scan never
 * opens a file of another country. The scan's own metrics show it: files and partitions read for
 * {@code country = 'DE'} against the unfiltered scan.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.parquet.PartitionDiscoveryExample
 * formats-parquet/target/formats-parquet.jar <output-dir>}; the output directory may be a local
 * path or on HDFS ({@code hdfs://namenode:8020/lessons/parquet}).
 */
public final class PartitionDiscoveryExample {

  static final long ROWS = 10_000;

  /** Two writing tasks: each writes one file into every country directory. */
  static final int WRITE_TASKS = 2;

  private PartitionDiscoveryExample() {}

  /**
   * The directories written, the data files in all of them and in {@code country=DE}; files and
   * partitions Spark's scan read with the filter and without it; rows matched; the plan's partition
   * filter.
   */
  public record Pruning(
      List<String> directories,
      int filesWritten,
      int filesInGermany,
      long filesReadFiltered,
      long partitionsReadFiltered,
      long filesReadUnfiltered,
      long rows,
      String partitionFilters) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        PartitionDiscoveryExample.class,
        (spark, output) -> {
          Pruning p = writeAndPrune(spark, new Path(output, "orders-by-country"));
          System.out.printf(
              "setup: %,d orders written by %d tasks with partitionBy(\"country\")%n",
              ROWS, WRITE_TASKS);
          System.out.println(
              "directories written: " + p.directories() + ", " + p.filesWritten() + " data files");
          System.out.printf("scan of every country:      %d files read%n", p.filesReadUnfiltered());
          System.out.printf(
              "scan for country = 'DE':    %d files in %d partition read (country=DE holds %d files)%n",
              p.filesReadFiltered(), p.partitionsReadFiltered(), p.filesInGermany());
          System.out.printf(
              "rows matched: %,d; partition filters in the plan: %s%n",
              p.rows(), p.partitionFilters());
          System.out.println(
              "what this shows: a filter on a partition column removes whole directories before "
                  + "the scan starts; only country=DE's files were opened");
        });
  }

  public static Pruning writeAndPrune(SparkSession spark, Path path) throws IOException {
    FileSystem fs = Lesson.fileSystem(spark, path);
    ParquetSampleData.orders(spark, ROWS, WRITE_TASKS)
        .write()
        .mode("overwrite")
        .partitionBy("country")
        .parquet(path.toString());

    Scan germany =
        ScanMetrics.collectAndMeasure(
            spark.read().parquet(path.toString()).where(col("country").equalTo("DE")));
    Scan everything = ScanMetrics.collectAndMeasure(spark.read().parquet(path.toString()));
    return new Pruning(
        partitionDirectories(fs, path),
        ParquetFiles.dataFiles(fs, path).size(),
        DataFiles.list(fs, new Path(path, "country=DE"), ".parquet").size(),
        germany.filesRead(),
        germany.metric("numPartitions"),
        everything.filesRead(),
        germany.rowsOutput(),
        partitionFilters(spark, path));
  }

  /** The scan node lists it as: PartitionFilters: [isnotnull(country#12), (country#12 = DE)] */
  private static String partitionFilters(SparkSession spark, Path path) {
    String plan =
        spark
            .read()
            .parquet(path.toString())
            .where(col("country").equalTo("DE"))
            .queryExecution()
            .executedPlan()
            .toString();
    return plan.lines()
        .filter(l -> l.contains("PartitionFilters"))
        .map(l -> l.replaceAll(".*PartitionFilters: (\\[[^]]*]).*", "$1"))
        .findFirst()
        .orElse("none");
  }

  private static List<String> partitionDirectories(FileSystem fs, Path path) throws IOException {
    return Arrays.stream(fs.listStatus(path))
        .filter(FileStatus::isDirectory)
        .map(d -> d.getPath().getName())
        .sorted()
        .toList();
  }
}
