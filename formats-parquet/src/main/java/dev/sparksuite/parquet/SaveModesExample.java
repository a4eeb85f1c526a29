package dev.sparksuite.parquet;

import dev.sparksuite.lessonkit.Lesson;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Lesson 7: save modes decide what a write does when the target already holds data. {@code
 * errorIfExists} (the default) refuses; {@code append} adds files next to the old ones; {@code
 * overwrite} deletes the old files first; {@code ignore} does nothing at all, silently. (On a
 * partitioned table, what {@code overwrite} deletes depends on {@code
 * spark.sql.sources.partitionOverwriteMode}: by default every partition, also those the new rows do
 * not touch; lesson 19.)
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.parquet.SaveModesExample
 * formats-parquet/target/formats-parquet.jar <output-dir>}; the output directory may be a local
 * path or on HDFS ({@code hdfs://namenode:8020/lessons/parquet}).
 */
public final class SaveModesExample {

  private SaveModesExample() {}

  /** Rows in the table after each step, and the error errorIfExists gave. */
  public record Modes(
      long afterFirstWrite,
      String errorIfExistsMessage,
      long afterErrorIfExists,
      long afterAppend,
      long afterOverwrite,
      long afterIgnore) {}

  public static void main(String[] args) {
    int exit =
        Lesson.run(
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
              System.out.println("after append of 10 rows:     " + m.afterAppend());
              System.out.println("after overwrite with 5 rows: " + m.afterOverwrite());
              System.out.println("after ignore of 1000 rows:   " + m.afterIgnore());
              System.out.println(
                  "what this shows: errorIfExists (the default) refuses an existing path and changes "
                      + "nothing, append adds files, overwrite replaces them all, ignore silently skips the write");
            });
    if (exit != 0) {
      System.exit(exit);
    }
  }

  public static Modes applyModes(SparkSession spark, Path path) {
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

    ParquetSampleData.orders(spark, 10, 1).write().mode(SaveMode.Append).parquet(table);
    long afterAppend = count(spark, table);
    ParquetSampleData.orders(spark, 5, 1).write().mode(SaveMode.Overwrite).parquet(table);
    long afterOverwrite = count(spark, table);
    ParquetSampleData.orders(spark, 1000, 1).write().mode(SaveMode.Ignore).parquet(table);
    long afterIgnore = count(spark, table);
    return new Modes(first, error, afterError, afterAppend, afterOverwrite, afterIgnore);
  }

  private static long count(SparkSession spark, String table) {
    return spark.read().parquet(table).count();
  }
}
