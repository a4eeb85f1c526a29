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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.CollectionAccumulator;
import scala.Tuple2;

/**
 * The job's stages, in reading order. Each one says what it shuffles (moves between executors),
 * because shuffles are what make a distributed job slow or fast, and each makes one pass over the
 * records at most: a result that follows from a smaller result is computed from that.
 *
 * <p>Results have 5 to 30 rows, so they are sorted on the driver after {@code collect}: an {@code
 * orderBy} in Spark would cost a range shuffle and a sampling job for a handful of rows.
 */
public final class AggregationStages {

  /**
   * Reduce-side partitions of every shuffle: one per category at most, since every shuffle here is
   * keyed by the category. More would only add empty tasks.
   */
  public static final int SHUFFLE_PARTITIONS = Records.CATEGORIES;

  private AggregationStages() {}

  /** Result of the RDD stage: the per-category totals and where every partition ran. */
  public record RddStage(List<CategoryQuantity> totals, List<PartitionSummary> partitions) {}

  /**
   * Stage 1, the RDD way: {@code mapPartitions} then {@code reduceByKey}, one action.
   *
   * <p>{@code mapPartitionsToPair} runs once per partition on the executor that holds it and folds
   * its ~83,000 records into 10 partial sums: no shuffle. {@code reduceByKey} then shuffles only
   * those partials (10 per partition, not 1,000,000 records) so that all partials of one category
   * meet in one task. Each map task also notes where it ran in an accumulator, so the spread report
   * describes exactly the tasks whose partials were summed, without a second pass.
   */
  public static RddStage rddCategoryTotals(SparkSession spark, long n, int partitions) {
    return rddCategoryTotals(spark, Records.ids(spark, n, partitions).javaRDD());
  }

  /**
   * Stage 1 over any RDD of the record ids. The job reads them from {@code spark.range}, whose scan
   * counts the records it produces as the stage's input: that count is the report's evidence that a
   * million records went in while 120 partial sums were shuffled.
   */
  public static RddStage rddCategoryTotals(SparkSession spark, JavaRDD<Long> ids) {
    CollectionAccumulator<PartitionSummary> spread =
        spark.sparkContext().collectionAccumulator("partition spread");
    List<CategoryQuantity> totals =
        new ArrayList<>(
            ids.mapPartitionsToPair(partition -> partialsPerCategory(partition, spread))
                .reduceByKey(AggregationStages::addPartials, SHUFFLE_PARTITIONS)
                .values()
                .collect());
    totals.sort(Comparator.comparingInt(CategoryQuantity::category));
    return new RddStage(totals, lastSummaryPerPartition(spread.value()));
  }

  private static Iterator<Tuple2<Integer, CategoryQuantity>> partialsPerCategory(
      Iterator<Long> ids, CollectionAccumulator<PartitionSummary> spread) {
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
    spread.add(
        new PartitionSummary(
            TaskContext.getPartitionId(),
            env.executorId(),
            env.blockManager().blockManagerId().host(),
            total));
    List<Tuple2<Integer, CategoryQuantity>> partials = new ArrayList<>();
    for (int c = 0; c < Records.CATEGORIES; c++) {
      if (records[c] > 0) {
        partials.add(new Tuple2<>(c, new CategoryQuantity(c, records[c], quantity[c])));
      }
    }
    return partials.iterator();
  }

  /**
   * Spark applies an accumulator update made in a transformation once per successful task run, so a
   * partition recomputed after a lost executor reports twice; the later report is where its
   * partials now come from.
   */
  static List<PartitionSummary> lastSummaryPerPartition(List<PartitionSummary> reports) {
    Map<Integer, PartitionSummary> last = new TreeMap<>();
    reports.forEach(s -> last.put(s.partition(), s));
    return new ArrayList<>(last.values());
  }

  private static CategoryQuantity addPartials(CategoryQuantity a, CategoryQuantity b) {
    return new CategoryQuantity(
        a.category(), a.records() + b.records(), a.quantity() + b.quantity());
  }

  /**
   * Stage 2, the DataFrame way: {@code groupBy(category).agg(…)}, then a join with the 10-row
   * category dimension for each category's region.
   *
   * <p>Spark plans the aggregate as a partial aggregate in every task, an exchange hash-partitioned
   * on the category that carries 10 partial rows per partition, then the final aggregate: the
   * map-side combine of stage 1, planned for you. The join comes after the aggregate, so it meets
   * 10 rows, not 1,000,000: joining first would carry the region, a string, into the aggregate's
   * key for every record, which on this machine doubles the stage's time at 10M records. {@code
   * broadcast} ships the dimension to every executor, so the join runs in the final aggregate's
   * task and adds no shuffle.
   */
  public static Dataset<Row> categoryStatsPlan(SparkSession spark, Dataset<Row> records) {
    return records
        .groupBy("category")
        .agg(
            count("*").as("records"),
            sum("amount").as("amount"),
            min("id").as("min_id"),
            max("id").as("max_id"))
        .join(broadcast(categoryDimension(spark)), "category")
        .select("category", "region", "records", "amount", "min_id", "max_id");
  }

  public static List<CategoryStats> categoryStats(SparkSession spark, Dataset<Row> records) {
    return collectCategoryStats(categoryStatsPlan(spark, records));
  }

  /** Runs a plan of {@link #categoryStatsPlan}, which can then be read as it ran. */
  static List<CategoryStats> collectCategoryStats(Dataset<Row> plan) {
    List<CategoryStats> stats = new ArrayList<>();
    for (Row r : plan.collectAsList()) {
      stats.add(
          new CategoryStats(
              r.getInt(0), r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5)));
    }
    stats.sort(Comparator.comparingInt(CategoryStats::category));
    return stats;
  }

  /**
   * Stage 3: revenue per region. Every category belongs to one region, so the region totals are
   * sums of the ten category rows of stage 2, whose region came from the dimension table: ten
   * additions on the driver answer what another pass over 1,000,000 records would.
   */
  public static List<RegionTotal> regionTotals(List<CategoryStats> stats) {
    Map<String, long[]> perRegion = new TreeMap<>();
    for (CategoryStats s : stats) {
      long[] t = perRegion.computeIfAbsent(s.region(), r -> new long[2]);
      t[0] += s.records();
      t[1] += s.amount();
    }
    List<RegionTotal> totals = new ArrayList<>();
    perRegion.forEach((region, t) -> totals.add(new RegionTotal(region, t[0], t[1])));
    return totals;
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
   * Stage 4: the top {@code topN} records of each category by amount (ties: higher id first), as a
   * window ranking over the candidates of {@link #candidates}.
   */
  public static Dataset<Row> topPerCategoryPlan(Dataset<Long> ids, int topN) {
    return rankWithinCategory(candidates(ids, topN), topN);
  }

  public static List<TopRecord> topPerCategory(Dataset<Long> ids, int topN) {
    return collectTop(topPerCategoryPlan(ids, topN));
  }

  /** Runs a plan of {@link #topPerCategoryPlan}, which can then be read as it ran. */
  public static List<TopRecord> collectTop(Dataset<Row> plan) {
    List<TopRecord> top = new ArrayList<>();
    for (Row r : plan.collectAsList()) {
      top.add(new TopRecord(r.getInt(0), r.getInt(1), r.getLong(2), r.getLong(3)));
    }
    top.sort(Comparator.comparingInt(TopRecord::category).thenComparingInt(TopRecord::rank));
    return top;
  }

  /**
   * {@code row_number()} over a window partitioned by category, kept where it is at most topN.
   *
   * <p>A window partitioned by category needs every row of a category in one task, but Spark 4.1.1
   * does not shuffle every row for this filter: it plans a partial {@code WindowGroupLimit} before
   * the exchange, so each task keeps only its own top N per category and the exchange carries at
   * most N rows per category per partition; a final {@code WindowGroupLimit} and the window then
   * rank those. The partial limit needs its input sorted by category, amount and id, though, which
   * on raw records means sorting every record of every partition.
   */
  public static Dataset<Row> rankWithinCategory(Dataset<Row> rows, int topN) {
    return rows.withColumn(
            "rank",
            row_number()
                .over(
                    Window.partitionBy("category").orderBy(col("amount").desc(), col("id").desc())))
        .where(col("rank").leq(topN))
        .select("category", "rank", "id", "amount");
  }

  /**
   * The same top-N rows per category and partition that the partial {@code WindowGroupLimit} finds,
   * found without sorting: one pass over the partition's ids keeps, per category, the N best
   * records seen so far ({@link TopPerCategory}), deriving each record's category and amount from
   * its id ({@link Records}) instead of reading them from a row. The window then sorts and ranks at
   * most N × 10 rows per partition instead of every record.
   */
  public static Dataset<Row> candidates(Dataset<Long> ids, int topN) {
    return ids.mapPartitions(
        (MapPartitionsFunction<Long, Row>) partition -> bestPerCategory(partition, topN),
        Encoders.row(CANDIDATE));
  }

  /** A candidate row: the record's id, category and amount. */
  public static final StructType CANDIDATE =
      new StructType()
          .add("id", DataTypes.LongType, false)
          .add("category", DataTypes.IntegerType, false)
          .add("amount", DataTypes.LongType, false);

  /** One partition's candidates: the top N records per category among its ids. */
  public static Iterator<Row> bestPerCategory(Iterator<Long> ids, int topN) {
    TopPerCategory best = new TopPerCategory(topN);
    while (ids.hasNext()) {
      long id = ids.next();
      best.offer(id, Records.category(id), Records.amount(id));
    }
    return best.rows().iterator();
  }
}
