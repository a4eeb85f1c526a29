package dev.sparksuite.parquet;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.timestamp_seconds;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The lessons' data: orders whose every column derives from the order id, so a lesson can state
 * exactly which rows a filter matches. Ten columns, to make column pruning visible.
 */
final class ParquetSampleData {

  static final String[] COUNTRIES = {"DE", "FR", "NL", "PL", "SE"};

  private ParquetSampleData() {}

  /**
   * {@code rows} orders with ids 0..rows-1, in id order. {@code customer_key} is a hash: high
   * cardinality, random order, the column min/max statistics cannot help with.
   */
  static Dataset<Row> orders(SparkSession spark, long rows, int partitions) {
    return spark
        .range(0, rows, 1, partitions)
        .select(
            col("id"),
            element_at(
                    array(lit("DE"), lit("FR"), lit("NL"), lit("PL"), lit("SE")),
                    pmod(col("id"), lit(5)).plus(1).cast("int"))
                .as("country"),
            pmod(col("id"), lit(1000)).cast("int").as("store"),
            pmod(col("id"), lit(100)).plus(1).cast("double").as("amount"),
            pmod(col("id"), lit(7)).plus(1).cast("int").as("quantity"),
            timestamp_seconds(lit(1_767_225_600L).plus(col("id"))).as("ordered_at"),
            sha2(col("id").cast("string"), 256).substr(1, 16).as("customer_key"),
            concat(lit("sku-"), pmod(col("id"), lit(50)).cast("string")).as("sku"),
            pmod(col("id"), lit(2)).equalTo(0).as("express"),
            concat(lit("order "), col("id").cast("string")).as("note"));
  }
}
