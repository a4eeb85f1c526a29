package dev.sparksuite.parquet;

import static org.apache.spark.sql.functions.spark_partition_id;
import static org.apache.spark.sql.functions.sum;

import dev.sparksuite.lessonkit.DataFiles;
import dev.sparksuite.lessonkit.Lesson;
import dev.sparksuite.lessonkit.SqlConf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.spark.Partition;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.datasources.FilePartition;
import org.apache.spark.sql.execution.datasources.PartitionedFile;
import scala.jdk.javaapi.CollectionConverters;

/**
 * How files become Spark tasks. Spark plans a file scan in three steps (Spark 4.1.1, {@code
 * FilePartition} and {@code FileSourceScanExec}):
 *
 * <ol>
 *   <li>{@code maxSplitBytes = min(spark.sql.files.maxPartitionBytes, max(openCostInBytes, total /
 *       minPartitionNum))}, where {@code total} adds every file's length plus {@code
 *       spark.sql.files.openCostInBytes} (4 MB by default: the price of opening a file, in bytes)
 *       and {@code minPartitionNum} is {@code spark.sql.files.minPartitionNum}, by default {@code
 *       spark.sql.leafNodeDefaultParallelism}, else the default parallelism (the cores in local
 *       mode);
 *   <li>every file is cut into splits of at most {@code maxSplitBytes};
 *   <li>the splits, largest first, are packed into tasks: a task is closed when its running total
 *       plus the next split's length would exceed {@code maxSplitBytes}, and each split it takes
 *       raises that total by its length plus the open cost.
 * </ol>
 *
 * <p>A split is a byte range, not a row group. The Parquet reader of a split reads the row groups
 * whose middle byte lies inside it (parquet-hadoop's midpoint rule), so a row group is never cut: a
 * task none of whose splits holds a row group's middle reads no rows.
 *
 * <p>Small files: 100 files of ~77 KB each cost 4 MB of open cost apiece, so 32 of them fill a 128
 * MB task; the same rows in one file are one or two splits. Many small files mean many footers to
 * read and files to open for the same rows; compaction (here {@code coalesce(1)} on write) turns
 * them back into one file.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.parquet.FilesToTasksExample
 * formats-parquet/target/formats-parquet.jar <output-dir>}; the output directory may be a local
 * path or on HDFS ({@code hdfs://namenode:8020/lessons/parquet}).
 */
public final class FilesToTasksExample {

  static final long ROWS = 200_000;
  static final int ROWS_PER_ROW_GROUP = 50_000;
  static final int SMALL_FILES = 100;

  /** Small enough to cut the one-file table into more splits than it has row groups. */
  static final long SPLIT_BYTES = 1024 * 1024;

  static final long DEFAULT_MAX_PARTITION_BYTES = 128L * 1024 * 1024;
  static final long OPEN_COST_BYTES = 4L * 1024 * 1024;

  /**
   * Pinned so the arithmetic is the same on any master; unset, it is {@code
   * spark.sql.leafNodeDefaultParallelism}, else the default parallelism.
   */
  static final int MIN_PARTITION_NUM = 2;

  private FilesToTasksExample() {}

  /**
   * One scan: the files and their bytes, the {@code maxSplitBytes} it derives, the longest file
   * split in Spark's own plan of the scan, the tasks the arithmetic predicts and the tasks
   * (partitions) of Spark's scan, how many of them read rows, the rows per non-empty task, and the
   * wall time of {@code sum(amount)} over it.
   */
  public record Tasks(
      String table,
      int files,
      long bytes,
      long maxPartitionBytes,
      long maxSplitBytes,
      long longestSparkSplit,
      int plannedTasks,
      int tasks,
      int tasksWithRows,
      List<Long> rowsPerTask,
      long millis) {}

  /**
   * The four scans of the lesson, and the row groups of the one-file table with their middle bytes.
   */
  public record Outcome(
      Tasks splits,
      Tasks oneFile,
      Tasks smallFiles,
      Tasks compacted,
      int rowGroups,
      int splitsHoldingARowGroupsMiddle) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        FilesToTasksExample.class,
        (spark, output) -> {
          Outcome o = filesToTasks(spark, output);
          System.out.printf(
              "setup: %,d orders (10 columns); one file with row groups of %,d rows (%d row groups); the "
                  + "same rows as %d files; spark.sql.files.openCostInBytes %,d, minPartitionNum %d%n",
              ROWS,
              ROWS_PER_ROW_GROUP,
              o.rowGroups(),
              SMALL_FILES,
              OPEN_COST_BYTES,
              MIN_PARTITION_NUM);
          for (Tasks t : List.of(o.splits(), o.oneFile(), o.smallFiles(), o.compacted())) {
            System.out.printf(
                "%-24s %3d file(s), %,10d bytes; maxPartitionBytes %,11d -> maxSplitBytes %,11d; "
                    + "tasks planned %2d, Spark's scan %2d, %2d with rows; scan time %,5d ms%n",
                t.table(),
                t.files(),
                t.bytes(),
                t.maxPartitionBytes(),
                t.maxSplitBytes(),
                t.plannedTasks(),
                t.tasks(),
                t.tasksWithRows(),
                t.millis());
          }
          System.out.printf(
              "one file, 1 MB splits: rows per task that read rows %s; splits holding a row group's middle "
                  + "byte: %d of %d%n",
              o.splits().rowsPerTask(), o.splitsHoldingARowGroupsMiddle(), o.splits().tasks());
          System.out.println(
              "what this shows: tasks come from bytes (file length plus the open cost, packed up to "
                  + "maxSplitBytes), not from rows; a split reads only the row groups whose middle it holds; many small "
                  + "files cost many opens, and compacting them restores one file");
        });
  }

  public static Outcome filesToTasks(SparkSession spark, Path output) throws IOException {
    FileSystem fs = Lesson.fileSystem(spark, output);
    Path one = new Path(output, "orders-one-file");
    Path small = new Path(output, "orders-" + SMALL_FILES + "-files");
    Path compacted = new Path(output, "orders-compacted");
    ParquetSampleData.orders(spark, ROWS, 1)
        .write()
        .mode("overwrite")
        .option("parquet.block.row.count.limit", ROWS_PER_ROW_GROUP)
        .parquet(one.toString());
    // One write task per small file: each of the 100 tasks writes its 2,000 rows into its own file.
    ParquetSampleData.orders(spark, ROWS, SMALL_FILES)
        .write()
        .mode("overwrite")
        .parquet(small.toString());
    // coalesce, not repartition: no shuffle, the 100 files are read and written by one task.
    spark
        .read()
        .parquet(small.toString())
        .coalesce(1)
        .write()
        .mode("overwrite")
        .parquet(compacted.toString());

    Tasks splits = scan(spark, fs, "one file, 1 MB splits", one, SPLIT_BYTES);
    Path file = ParquetFiles.dataFiles(fs, one).get(0);
    List<BlockMetaData> rowGroups = ParquetFiles.footer(fs, file).getBlocks();
    return new Outcome(
        splits,
        scan(spark, fs, "one file", one, DEFAULT_MAX_PARTITION_BYTES),
        scan(spark, fs, SMALL_FILES + " small files", small, DEFAULT_MAX_PARTITION_BYTES),
        scan(spark, fs, "compacted", compacted, DEFAULT_MAX_PARTITION_BYTES),
        rowGroups.size(),
        splitsHoldingAMiddle(rowGroups, splits.maxSplitBytes()));
  }

  private static Tasks scan(
      SparkSession spark, FileSystem fs, String name, Path table, long maxPartitionBytes) {
    Map<String, String> conf =
        Map.of(
            "spark.sql.files.maxPartitionBytes",
            Long.toString(maxPartitionBytes),
            "spark.sql.files.openCostInBytes",
            Long.toString(OPEN_COST_BYTES),
            "spark.sql.files.minPartitionNum",
            Integer.toString(MIN_PARTITION_NUM));
    return SqlConf.with(
        spark,
        conf,
        () -> {
          List<Long> sizes = sizes(fs, table);
          long split = maxSplitBytes(sizes, maxPartitionBytes);
          Dataset<Row> orders = spark.read().parquet(table.toString());
          int tasks = orders.rdd().getNumPartitions();
          // Spark's own account of the scan: the rows each of its tasks produced (tasks without
          // rows are absent).
          List<Long> rowsPerTask =
              orders
                  .groupBy(spark_partition_id().as("task"))
                  .count()
                  .orderBy("task")
                  .collectAsList()
                  .stream()
                  .map(r -> r.getLong(1))
                  .toList();
          long start = System.nanoTime();
          orders.agg(sum("amount")).collectAsList();
          long millis = (System.nanoTime() - start) / 1_000_000;
          return new Tasks(
              name,
              sizes.size(),
              sizes.stream().mapToLong(Long::longValue).sum(),
              maxPartitionBytes,
              split,
              longestSplit(orders),
              plannedTasks(sizes, split),
              tasks,
              rowsPerTask.size(),
              rowsPerTask,
              millis);
        });
  }

  /**
   * The longest file split in the scan Spark planned: its tasks read files in slices of at most
   * {@code maxSplitBytes}, so a file longer than that shows Spark's own value.
   */
  static long longestSplit(Dataset<Row> scan) {
    for (SparkPlan leaf :
        CollectionConverters.asJava(scan.queryExecution().executedPlan().collectLeaves())) {
      if (leaf instanceof FileSourceScanExec files) {
        long longest = 0;
        for (Partition task : files.inputRDD().partitions()) {
          for (PartitionedFile split : ((FilePartition) task).files()) {
            longest = Math.max(longest, split.length());
          }
        }
        return longest;
      }
    }
    throw new IllegalStateException("no file scan in the plan");
  }

  /** Step 1 of the Javadoc: the largest split, from the files' lengths and the open cost. */
  static long maxSplitBytes(List<Long> sizes, long maxPartitionBytes) {
    long total = sizes.stream().mapToLong(s -> s + OPEN_COST_BYTES).sum();
    return Math.min(maxPartitionBytes, Math.max(OPEN_COST_BYTES, total / MIN_PARTITION_NUM));
  }

  /** Steps 2 and 3: cut every file into splits, then fill tasks with them, largest first. */
  static int plannedTasks(List<Long> sizes, long maxSplitBytes) {
    List<Long> splits = new ArrayList<>();
    for (long size : sizes) {
      for (long offset = 0; offset < size; offset += maxSplitBytes) {
        splits.add(Math.min(maxSplitBytes, size - offset));
      }
    }
    splits.sort(Comparator.reverseOrder());
    int tasks = 0;
    long filled = 0;
    boolean open = false;
    for (long split : splits) {
      if (open && filled + split > maxSplitBytes) {
        open = false;
      }
      if (!open) {
        tasks++;
        filled = 0;
        open = true;
      }
      filled += split + OPEN_COST_BYTES;
    }
    return tasks;
  }

  /** Splits of one file that hold some row group's middle byte: the tasks that read rows. */
  static int splitsHoldingAMiddle(List<BlockMetaData> rowGroups, long maxSplitBytes) {
    return (int)
        rowGroups.stream()
            .mapToLong(g -> (g.getStartingPos() + g.getCompressedSize() / 2) / maxSplitBytes)
            .distinct()
            .count();
  }

  /** The length of every data file of a table, as its file system stores it. */
  private static List<Long> sizes(FileSystem fs, Path table) {
    try {
      return DataFiles.list(fs, table, ".parquet").stream().map(FileStatus::getLen).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + table, e);
    }
  }
}
