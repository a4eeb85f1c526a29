package dev.sparksuite.cluster;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The job's records. Every field is a function of the record id, so the executors generate the
 * records themselves (the driver never holds them) and every aggregate has an exact expected value
 * (see {@link ExpectedAggregates}).
 *
 * <p>Each field is defined twice, side by side: as plain Java for the RDD stage, stage 4's
 * candidate pass and the plain loop, and as a Column expression for the DataFrame stages. A test
 * proves the two agree.
 */
public final class Records {

  /** Categories 0..9; the dimension table maps each one to a name and a region. */
  public static final int CATEGORIES = 10;

  /** Region of category c is REGIONS.get(c % REGIONS.size()): two categories per region. */
  static final List<String> REGIONS = List.of("north", "east", "south", "west", "central");

  private Records() {}

  public static int category(long id) {
    return (int) (id % CATEGORIES);
  }

  /** 1..100: a price in whole units. */
  public static long amount(long id) {
    return id % 100 + 1;
  }

  /** 1..7: items in the order. */
  public static long quantity(long id) {
    return id % 7 + 1;
  }

  public static String region(int category) {
    return REGIONS.get(category % REGIONS.size());
  }

  public static String categoryName(int category) {
    return "category-" + category;
  }

  /**
   * The records as a DataFrame of {@code n} rows in exactly {@code partitions} partitions. {@code
   * range} gives partition i the ids [i*n/p, (i+1)*n/p), so partition sizes differ by at most one
   * and each executor computes its slice without reading anything.
   */
  public static Dataset<Row> frame(SparkSession spark, long n, int partitions) {
    Column id = col("id");
    return ids(spark, n, partitions)
        .select(
            id,
            pmod(id, lit(CATEGORIES)).cast("int").as("category"),
            pmod(id, lit(100)).plus(1).as("amount"),
            pmod(id, lit(7)).plus(1).as("quantity"));
  }

  /** The record ids 0..n-1 as a Dataset, split as {@link #frame} splits them. */
  public static Dataset<Long> ids(SparkSession spark, long n, int partitions) {
    return spark.range(0, n, 1, partitions);
  }
}
