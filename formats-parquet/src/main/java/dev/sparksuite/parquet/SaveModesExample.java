package dev.sparksuite.parquet;

import static org.apache.spark.sql.functions.expr;

import dev.sparksuite.lessonkit.Lesson;
import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Save modes decide what a write does when the target already holds data. {@code errorIfExists}
 * (the default) refuses; {@code append} adds files next to the old ones; {@code overwrite} deletes
 * the old files first, before its job runs, so an overwrite whose job fails leaves no table at all,
 * neither old rows nor new; {@code ignore} does nothing at all, silently. (On a partitioned table,
 * what {@code overwrite} deletes depends on {@code spark.sql.sources.partitionOverwriteMode}: by
 * default every partition, also those the new rows do not touch; {@link
 * PartitionOverwriteExample}.)
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.parquet.SaveModesExample
 * formats-parquet/target/formats-parquet.jar <output-dir>}; the output directory may be a local
 * path or on HDFS ({@code hdfs://namenode:8020/lessons/parquet}).
 */
public final class SaveModesExample {

  private SaveModesExample() {}

  /**
   * Rows in the table after each step, the error errorIfExists gave, how many of the files before
   * the append and before the overwrite were still there after it, and what reading the table gave
   * after an overwrite whose job failed.
   */
  public record Modes(
      long afterFirstWrite,
      String errorIfExistsMessage,
      long afterErrorIfExists,
      long afterAppend,
      int filesKeptByAppend,
      long afterOverwrite,
      int filesKeptByOverwrite,
      long afterIgnore,
      String afterFailedOverwrite) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        SaveModesExample.class,
        (spark, output) -> {
          System.out.println(
              "setup: one directory written five times with different save modes; each line is the row "
                  + "count read back after that write");
          Modes m = applyModes(spark, new Path(output, "orders-modes"));
          System.out.println("first write (100 rows):      " + m.afterFirstWrite());
          System.out.println(
              "errorIfExists:               "
                  + m.errorIfExistsMessage().lines().findFirst().orElse(""));
          System.out.println("after errorIfExists:         " + m.afterErrorIfExists());
          System.out.println(
              "after append of 10 rows:     "
                  + m.afterAppend()
                  + " (the old files kept: "
                  + m.filesKeptByAppend()
                  + ")");
          System.out.println(
              "after overwrite with 5 rows: "
                  + m.afterOverwrite()
                  + " (the old files kept: "
                  + m.filesKeptByOverwrite()
                  + ")");
          System.out.println("after ignore of 1000 rows:   " + m.afterIgnore());
          System.out.println("after an overwrite that failed: " + m.afterFailedOverwrite());
          System.out.println(
              "what this shows: errorIfExists (the default) refuses an existing path and changes "
                  + "nothing, append adds files, overwrite deletes the old ones before it writes (a failed "
                  + "overwrite leaves nothing), ignore silently skips the write");
        });
  }

  public static Modes applyModes(SparkSession spark, Path path) throws IOException {
    String table = path.toString();
    ParquetSampleData.orders(spark, 100, 1).write().mode(SaveMode.ErrorIfExists).parquet(table);
    long first = count(spark, table);

    String error;
    try {
      ParquetSampleData.orders(spark, 100, 1).write().mode(SaveMode.ErrorIfExists).parquet(table);
      error = "no error";
    } catch (Exception e) {
      // [PATH_ALREADY_EXISTS] Path file:/…/orders-modes already exists. Set mode as "overwrite" …
      error = e instanceof AnalysisException ? e.getMessage() : e.toString();
    }
    long afterError = count(spark, table);

    FileSystem fs = Lesson.fileSystem(spark, path);
    Set<String> beforeAppend = files(fs, path);
    ParquetSampleData.orders(spark, 10, 1).write().mode(SaveMode.Append).parquet(table);
    long afterAppend = count(spark, table);
    int keptByAppend = kept(beforeAppend, files(fs, path));
    Set<String> beforeOverwrite = files(fs, path);
    ParquetSampleData.orders(spark, 5, 1).write().mode(SaveMode.Overwrite).parquet(table);
    long afterOverwrite = count(spark, table);
    int keptByOverwrite = kept(beforeOverwrite, files(fs, path));
    ParquetSampleData.orders(spark, 1000, 1).write().mode(SaveMode.Ignore).parquet(table);
    long afterIgnore = count(spark, table);

    // An overwrite whose job fails in its tasks, on a second table of 5 rows: its old files are
    // already gone by then.
    String copy = new Path(path.getParent(), path.getName() + "-failed-overwrite").toString();
    ParquetSampleData.orders(spark, 5, 1).write().mode(SaveMode.ErrorIfExists).parquet(copy);
    String afterFailed;
    try {
      ParquetSampleData.orders(spark, 100, 1)
          .withColumn("check", expr("IF(id = 50, raise_error('order 50 is bad'), 1)"))
          .write()
          .mode(SaveMode.Overwrite)
          .parquet(copy);
      afterFailed = "the overwrite did not fail";
    } catch (Exception failed) {
      try {
        afterFailed = count(spark, copy) + " rows";
      } catch (Exception e) {
        afterFailed = e.getMessage().lines().findFirst().orElse("");
      }
    }
    return new Modes(
        first,
        error,
        afterError,
        afterAppend,
        keptByAppend,
        afterOverwrite,
        keptByOverwrite,
        afterIgnore,
        afterFailed);
  }

  /** The data files under the table, by name. */
  private static Set<String> files(FileSystem fs, Path table) {
    return ParquetFiles.dataFiles(fs, table).stream()
        .map(Path::getName)
        .collect(Collectors.toSet());
  }

  private static int kept(Set<String> before, Set<String> after) {
    return (int) before.stream().filter(after::contains).count();
  }

  private static long count(SparkSession spark, String table) {
    return spark.read().parquet(table).count();
  }
}
