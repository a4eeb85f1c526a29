package dev.sparksuite.clusterlessons;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.Arrays;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The shuffle lessons' data, generated on the executors from {@code range}: the same rows on every
 * run, whatever the partitioning, because every value is a function of the row's id.
 */
final class Sales {

  /** The 20 countries sales are spread over, evenly. */
  static final String[] COUNTRIES = {
    "AT", "BE", "CH", "CZ", "DE", "DK", "ES", "FI", "FR", "GB", "GR", "HU", "IE", "IT", "NL", "NO",
    "PL", "PT", "SE", "SK"
  };

  private Sales() {}

  /**
   * {@code rows} sales in {@code partitions} partitions: id, country (one of 20, evenly), amount
   * (0.0 to 99.9), and customer_id. With {@code hotShare} above 0, that share of the sales (every
   * id whose hash falls under it) belongs to customer 0: the skew of a marketplace whose biggest
   * seller dwarfs the rest; the other sales spread evenly over customers 0 to {@code customers -
   * 1}.
   */
  static Dataset<Row> generate(
      SparkSession spark, long rows, int partitions, int customers, double hotShare) {
    Column[] codes = Arrays.stream(COUNTRIES).map(c -> lit(c)).toArray(Column[]::new);
    Column uniform = pmod(xxhash64(col("id"), lit(7)), lit(1_000_000)).divide(1_000_000.0);
    return spark
        .range(0, rows, 1, partitions)
        .select(
            col("id"),
            element_at(array(codes), pmod(col("id"), lit(20)).plus(1).cast("int")).as("country"),
            pmod(col("id"), lit(1000)).divide(10.0).as("amount"),
            when(uniform.lt(hotShare), lit(0L))
                .otherwise(pmod(col("id"), lit(customers)))
                .as("customer_id"));
  }

  /**
   * The sales, summed per country and written as Parquet: one shuffle, whose partial aggregation
   * leaves one record per country and map task.
   */
  static void writeTotalsPerCountry(SparkSession spark, long rows, int partitions, Path dir) {
    generate(spark, rows, partitions, 1_000, 0)
        .groupBy("country")
        .agg(count("*").as("sales"), sum("amount").as("amount"))
        .write()
        .mode("overwrite")
        .parquet(dir.toString());
  }

  /** Customers 0 to {@code customers - 1}, each with a name: the other side of the join. */
  static Dataset<Row> customers(SparkSession spark, int customers, int partitions) {
    return spark
        .range(0, customers, 1, partitions)
        .select(col("id").as("customer_id"), concat(lit("customer "), col("id")).as("name"));
  }
}
