package dev.sparksuite.bench;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The benchmark's dataset, sorted on {@code id}: ints, longs, doubles, a low-cardinality string
 * (10 values), a high-cardinality string (a hash per row) and a timestamp. Two partitions, so
 * each format writes two files.
 */
final class BenchData {

  static final StructType SCHEMA = StructType.fromDDL(
      "id BIGINT, int_col INT, long_col BIGINT, double_col DOUBLE, low_card STRING, high_card STRING, ts TIMESTAMP");

  private BenchData() {}

  static Dataset<Row> dataset(SparkSession spark, long rows) {
    return spark.range(0, rows, 1, 2).selectExpr(
            "id",
            "CAST(id % 1000 AS INT) AS int_col",
            "id * 7919 AS long_col",
            "CAST(id AS DOUBLE) / 3 AS double_col",
            "concat('category-', id % 10) AS low_card",
            "sha2(CAST(id AS STRING), 256) AS high_card",
            "timestamp_seconds(1767225600 + id) AS ts")
        .sortWithinPartitions("id");
  }
}
