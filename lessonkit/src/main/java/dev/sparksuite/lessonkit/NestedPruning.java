package dev.sparksuite.lessonkit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What reading one field of a struct costs, with Spark's nested schema pruning ({@code
 * spark.sql.optimizer.nestedSchemaPruning.enabled}, on by default) and without: the bytes the
 * scan's tasks read from storage, as {@link TaskInput} counts them. With pruning the scan asks the
 * columnar reader for that field alone; without, for the whole struct.
 */
public final class NestedPruning {

  /** The setting that decides whether a query of one struct field reads the others. */
  public static final String SETTING = "spark.sql.optimizer.nestedSchemaPruning.enabled";

  private NestedPruning() {}

  /** Bytes read by {@code max(field)} over the table, with pruning on and off. */
  public record Bytes(long withPruning, long withoutPruning) {}

  public static Bytes measure(SparkSession spark, Dataset<Row> table, String field) {
    return new Bytes(bytesRead(spark, table, field, true), bytesRead(spark, table, field, false));
  }

  private static long bytesRead(
      SparkSession spark, Dataset<Row> table, String field, boolean pruning) {
    return SqlConf.with(
        spark,
        SETTING,
        pruning,
        () ->
            TaskInput.bytesRead(
                spark, () -> table.selectExpr("max(" + field + ")").collectAsList()));
  }
}
