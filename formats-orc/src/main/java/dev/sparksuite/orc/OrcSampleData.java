package dev.sparksuite.orc;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sha2;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The ORC lessons' orders: every column derives from the id, in id order. {@code customer_key} is a
 * hash, so its min/max in any stripe or row group spans nearly the whole range.
 */
final class OrcSampleData {

  private OrcSampleData() {}

  static Dataset<Row> orders(SparkSession spark, long rows, int partitions) {
    return spark
        .range(0, rows, 1, partitions)
        .select(
            col("id"),
            element_at(
                    array(lit("DE"), lit("FR"), lit("NL"), lit("PL"), lit("SE")),
                    pmod(col("id"), lit(5)).plus(1).cast("int"))
                .as("country"),
            pmod(col("id"), lit(100)).plus(1).cast("double").as("amount"),
            sha2(col("id").cast("string"), 256).substr(1, 16).as("customer_key"),
            concat(lit("order "), col("id").cast("string")).as("note"));
  }
}
