package dev.sparksuite.cluster;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;

import dev.sparksuite.cluster.Aggregates.CategoryQuantity;
import dev.sparksuite.cluster.Aggregates.CategoryStats;
import dev.sparksuite.cluster.Aggregates.RegionTotal;
import dev.sparksuite.cluster.Aggregates.TopRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The job's four stages, in reading order. Each one says why it shuffles (moves records between
 * executors), because shuffles are what make a distributed job slow or fast.
 */
public final class AggregationStages {

  private AggregationStages() {}

  /** Result of the RDD stage: the per-category totals and where every partition ran. */
  public record RddStage(List<CategoryQuantity> totals, List<PartitionSummary> partitions) {}

  /**
   * Stage 1, the RDD way: {@code mapPartitions} then {@code reduceByKey}.
   *
   * <p>{@code mapPartitions} runs once per partition on the executor that holds it and folds its
   * ~83,000 records into 10 partial sums: no shuffle, and the task also notes where it ran.
   * {@code reduceByKey} then shuffles only those partials (10 per partition, not 1,000,000
   * records) so that all partials of one category meet in one task.
   */
  public static RddStage rddCategoryTotals(SparkSession spark, long n, int partitions) {
    JavaRDD<PartitionSummary> summaries =
        spark.range(0, n, 1, partitions).javaRDD().mapPartitions(AggregationStages::summarize);
    // Both results below come from the same execution: persisting the tiny summaries means the
    // spread report describes exactly the tasks whose partials were summed.
    summaries.persist(StorageLevel.MEMORY_ONLY());
    try {
      List<PartitionSummary> spread = new ArrayList<>(summaries.collect());
      spread.sort(Comparator.comparingInt(PartitionSummary::partition));
      List<CategoryQuantity> totals =
          new ArrayList<>(
              summaries
                  .flatMapToPair(AggregationStages::partialsPerCategory)
                  .reduceByKey(AggregationStages::addPartials)
                  .values()
                  .collect());
      totals.sort(Comparator.comparingInt(CategoryQuantity::category));
      return new RddStage(totals, spread);
    } finally {
      summaries.unpersist(false);
    }
  }

  private static java.util.Iterator<PartitionSummary> summarize(java.util.Iterator<Long> ids) {
    long[] records = new long[Records.CATEGORIES];
    long[] quantity = new long[Records.CATEGORIES];
    long total = 0;
    while (ids.hasNext()) {
      long id = ids.next();
      int c = Records.category(id);
      records[c]++;
      quantity[c] += Records.quantity(id);
      total++;
    }
    SparkEnv env = SparkEnv.get();
    PartitionSummary summary =
        new PartitionSummary(
            TaskContext.getPartitionId(),
            env.executorId(),
            env.blockManager().blockManagerId().host(),
            total,
            records,
            quantity);
    return List.of(summary).iterator();
  }

  private static java.util.Iterator<Tuple2<Integer, CategoryQuantity>> partialsPerCategory(
      PartitionSummary summary) {
    List<Tuple2<Integer, CategoryQuantity>> partials = new ArrayList<>();
    for (int c = 0; c < Records.CATEGORIES; c++) {
      if (summary.categoryRecords()[c] > 0) {
        partials.add(
            new Tuple2<>(
                c,
                new CategoryQuantity(
                    c, summary.categoryRecords()[c], summary.categoryQuantity()[c])));
      }
    }
    return partials.iterator();
  }

  private static CategoryQuantity addPartials(CategoryQuantity a, CategoryQuantity b) {
    return new CategoryQuantity(a.category(), a.records() + b.records(), a.quantity() + b.quantity());
  }

  /**
   * Stage 2, the DataFrame way: {@code groupBy(category).agg(…)}.
   *
   * <p>Spark plans this as a partial aggregate in every task, an exchange hash-partitioned on the
   * category, then the final aggregate: the same map-side combine as stage 1, written for you.
   */
  public static List<CategoryStats> categoryStats(Dataset<Row> records) {
    return records
        .groupBy("category")
        .agg(
            count("*").as("records"),
            sum("amount").as("amount"),
            min("id").as("min_id"),
            max("id").as("max_id"))
        .orderBy("category")
        .collectAsList()
        .stream()
        .map(
            r ->
                new CategoryStats(
                    r.getInt(0), r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4)))
        .toList();
  }

  /**
   * Stage 3: revenue per region, joining every record with the 10-row category dimension.
   *
   * <p>A plain join would shuffle both sides on the category: all 1,000,000 records would cross
   * the network. {@code broadcast} ships the 10-row table to every executor instead, so each task
   * joins its own records in place; only the final {@code groupBy(region)} shuffles, and only
   * partial sums.
   */
  public static Dataset<Row> regionTotalsPlan(SparkSession spark, Dataset<Row> records) {
    Dataset<Row> categories = categoryDimension(spark);
    return records
        .join(broadcast(categories), "category")
        .groupBy("region")
        .agg(count("*").as("records"), sum("amount").as("amount"))
        .orderBy("region");
  }

  public static List<RegionTotal> regionTotals(SparkSession spark, Dataset<Row> records) {
    return regionTotalsPlan(spark, records).collectAsList().stream()
        .map(r -> new RegionTotal(r.getString(0), r.getLong(1), r.getLong(2)))
        .toList();
  }

  static Dataset<Row> categoryDimension(SparkSession spark) {
    StructType schema =
        new StructType()
            .add("category", DataTypes.IntegerType, false)
            .add("category_name", DataTypes.StringType, false)
            .add("region", DataTypes.StringType, false);
    List<Row> rows = new ArrayList<>();
    for (int c = 0; c < Records.CATEGORIES; c++) {
      rows.add(RowFactory.create(c, Records.categoryName(c), Records.region(c)));
    }
    return spark.createDataFrame(rows, schema);
  }

  /**
   * Stage 4: the top {@code topN} records of each category by amount (ties: higher id first).
   *
   * <p>A window partitioned by category needs every record of a category in one task, so this
   * shuffles all records by category and sorts each group: the most expensive stage of the job,
   * and the reason to rank inside a window only when the question really is "per group".
   */
  public static List<TopRecord> topPerCategory(Dataset<Row> records, int topN) {
    return records
        .withColumn(
            "rank",
            row_number()
                .over(
                    Window.partitionBy("category")
                        .orderBy(col("amount").desc(), col("id").desc())))
        .where(col("rank").leq(topN))
        .orderBy("category", "rank")
        .select("category", "rank", "id", "amount")
        .collectAsList()
        .stream()
        .map(r -> new TopRecord(r.getInt(0), r.getInt(1), r.getLong(2), r.getLong(3)))
        .toList();
  }
}
