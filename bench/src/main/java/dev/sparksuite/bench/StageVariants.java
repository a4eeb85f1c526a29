package dev.sparksuite.bench;

import static org.apache.spark.sql.functions.col;

import dev.sparksuite.cluster.Aggregates.CategoryQuantity;
import dev.sparksuite.cluster.Aggregates.CategoryStats;
import dev.sparksuite.cluster.Aggregates.TopRecord;
import dev.sparksuite.cluster.AggregationStages;
import dev.sparksuite.cluster.Records;
import dev.sparksuite.cluster.TopPerCategory;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Other ways to write the job's stages, timed beside the job's own in every round: the way a stage
 * was written before a measured change ("before"), a change that measured no faster ("not kept"),
 * and faster ways the job does not take because they would hide what a stage shows ("not taken").
 */
final class StageVariants {

  private StageVariants() {}

  /**
   * Stage 1 over {@code SparkContext.range}: a plain iterator of ids, no generated code and no row
   * turned back into a {@code Long}. Not taken: that RDD reports no input records, so the job could
   * no longer show from Spark's own counts that a million records went into 120 shuffled sums.
   */
  static List<CategoryQuantity> rddStageOverContextRange(
      SparkSession spark, long n, int partitions) {
    return AggregationStages.rddCategoryTotals(spark, contextRange(spark, n, partitions)).totals();
  }

  /**
   * Stage 2 over records whose fields use {@code %} instead of {@code pmod} (the ids are never
   * negative, so both give the same values). Not kept: it was not measurably faster.
   */
  static List<CategoryStats> groupByOverRemainderFrame(SparkSession spark, long n, int partitions) {
    Column id = col("id");
    Dataset<Row> records =
        Records.ids(spark, n, partitions)
            .select(
                id,
                id.mod(Records.CATEGORIES).cast("int").as("category"),
                id.mod(100).plus(1).as("amount"),
                id.mod(7).plus(1).as("quantity"));
    return AggregationStages.categoryStats(spark, records);
  }

  /**
   * Stage 4 as written before: candidates read from the records' rows (a Row, an Object[3] and
   * boxed fields per record).
   */
  static List<TopRecord> windowOverRowCandidates(
      SparkSession spark, long n, int partitions, int topN) {
    Dataset<Row> candidates =
        Records.frame(spark, n, partitions)
            .select("id", "category", "amount")
            .mapPartitions(
                (MapPartitionsFunction<Row, Row>) rows -> bestOfRows(rows, topN),
                Encoders.row(AggregationStages.CANDIDATE));
    return AggregationStages.collectTop(AggregationStages.rankWithinCategory(candidates, topN));
  }

  /**
   * Stage 4 with candidates from {@code SparkContext.range}. Not taken, for the reason of {@link
   * #rddStageOverContextRange}: the window's map stage would report no records read.
   */
  static List<TopRecord> windowOverContextRangeCandidates(
      SparkSession spark, long n, int partitions, int topN) {
    JavaRDD<Row> candidates =
        contextRange(spark, n, partitions)
            .mapPartitions(ids -> AggregationStages.bestPerCategory(ids, topN));
    return AggregationStages.collectTop(
        AggregationStages.rankWithinCategory(
            spark.createDataFrame(candidates, AggregationStages.CANDIDATE), topN));
  }

  @SuppressWarnings("unchecked") // a Scala RDD[Long] holds java.lang.Long objects
  private static JavaRDD<Long> contextRange(SparkSession spark, long n, int partitions) {
    return (JavaRDD<Long>) (JavaRDD<?>) spark.sparkContext().range(0, n, 1, partitions).toJavaRDD();
  }

  private static Iterator<Row> bestOfRows(Iterator<Row> rows, int topN) {
    TopPerCategory best = new TopPerCategory(topN);
    while (rows.hasNext()) {
      Row row = rows.next();
      best.offer(row.getLong(0), row.getInt(1), row.getLong(2));
    }
    return best.rows().iterator();
  }
}
