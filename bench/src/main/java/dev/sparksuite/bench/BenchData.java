package dev.sparksuite.bench;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The benchmark's two datasets, both sorted on {@code id} and written as two partitions (two files
 * per format). The typical one has the low-entropy columns most tables are made of: a key, a small
 * int, a long that grows by a constant step, a price with two decimals, a 10-value category and an
 * event time one second apart. The other adds a 64-character SHA-256 hash per row: random bytes
 * that no encoding or codec can shrink, which shows how one such column sets the size of a whole
 * file.
 */
final class BenchData {

  static final StructType TYPICAL_SCHEMA =
      StructType.fromDDL(
          "id BIGINT, int_col INT, long_col BIGINT, double_col DOUBLE, low_card STRING, ts TIMESTAMP");

  private static final String[] TYPICAL_COLUMNS = {
    "id",
    "CAST(id % 1000 AS INT) AS int_col",
    "id * 7919 AS long_col",
    "CAST((id * 7919) % 100000 AS DOUBLE) / 100 AS double_col",
    "concat('category-', id % 10) AS low_card",
    "timestamp_seconds(1767225600 + id) AS ts"
  };

  private BenchData() {}

  static Dataset<Row> typical(SparkSession spark, long rows) {
    return spark.range(0, rows, 1, 2).selectExpr(TYPICAL_COLUMNS).sortWithinPartitions("id");
  }

  static Dataset<Row> withHash(SparkSession spark, long rows) {
    return typical(spark, rows).selectExpr("*", "sha2(CAST(id AS STRING), 256) AS high_card");
  }

  /**
   * What every reader must return for the single-column sums, computed by Spark from the generator.
   */
  record Sums(long intSum, long longSum, long stringLengthSum) {}

  static Sums expectedSums(SparkSession spark, long rows) {
    Row row =
        typical(spark, rows)
            .selectExpr("SUM(int_col)", "SUM(long_col)", "SUM(length(low_card))")
            .first();
    return new Sums(row.getLong(0), row.getLong(1), row.getLong(2));
  }
}
