package dev.sparksuite.clusterlessons;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * The machine-learning lessons' data: subscribers of a service and whether they left, generated on
 * the executors with a known signal, and the pipeline that learns it.
 *
 * <p>Whether a subscriber churned is drawn from a logistic model the lessons know: the odds fall
 * with tenure, rise with support calls, and depend on the plan; the region has no effect at all, a
 * feature the classifier must learn to ignore. Every value is a function of the row's id, so the
 * rows are the same on every run and every partitioning.
 */
final class Subscribers {

  static final String LABEL = "churned";
  static final long SHUFFLE_SEED = 99;
  static final long SPLIT_SEED = 42;

  private Subscribers() {}

  /** A uniform number in [0, 1) from the id, a different one for each {@code stream}. */
  private static Column uniform(int stream) {
    return pmod(xxhash64(col("id"), lit(stream)), lit(1_000_000)).divide(1_000_000.0);
  }

  /** {@code rows} subscribers in {@code partitions} partitions. */
  static Dataset<Row> generate(SparkSession spark, long rows, int partitions) {
    Column plan =
        when(uniform(1).lt(0.5), lit("basic"))
            .when(uniform(1).lt(0.8), lit("standard"))
            .otherwise(lit("premium"));
    Column region =
        element_at(
            array(lit("north"), lit("south"), lit("east"), lit("west")),
            pmod(xxhash64(col("id"), lit(2)), lit(4)).plus(1).cast("int"));
    Dataset<Row> base =
        spark
            .range(0, rows, 1, partitions)
            .select(
                col("id"),
                plan.as("plan"),
                region.as("region"),
                pmod(xxhash64(col("id"), lit(3)), lit(72))
                    .plus(1)
                    .cast("double")
                    .as("tenure_months"),
                pmod(xxhash64(col("id"), lit(4)), lit(10)).cast("double").as("support_calls"),
                uniform(5).as("u_fee"),
                uniform(6).as("u_label"));
    Column planEffect =
        when(col("plan").equalTo("basic"), lit(0.8))
            .when(col("plan").equalTo("premium"), lit(-0.8))
            .otherwise(lit(0.0));
    Column logit =
        lit(-0.5)
            .minus(col("tenure_months").multiply(0.06))
            .plus(col("support_calls").multiply(0.35))
            .plus(planEffect);
    Column fee =
        when(col("plan").equalTo("basic"), lit(20.0))
            .when(col("plan").equalTo("standard"), lit(45.0))
            .otherwise(lit(90.0))
            .plus(col("u_fee").multiply(10));
    return base.select(
        col("id"),
        col("plan"),
        col("region"),
        col("tenure_months"),
        col("support_calls"),
        fee.as("monthly_fee"),
        when(col("u_label").lt(lit(1.0).divide(lit(1.0).plus(exp(logit.multiply(-1))))), 1.0)
            .otherwise(0.0)
            .as(LABEL));
  }

  /**
   * {@code rows} subscribers split at random into 80 % to train on and 20 % held out, the same
   * split on every run (a fixed seed over the same partitions).
   */
  static Dataset<Row>[] trainAndTest(SparkSession spark, long rows, int partitions) {
    return generate(spark, rows, partitions).randomSplit(new double[] {0.8, 0.2}, SPLIT_SEED);
  }

  /**
   * The same rows with their labels dealt out again at random: the share of churners is unchanged,
   * the link between a subscriber's features and its label is gone. A classifier trained on these
   * can only learn an artefact, and scores no better than chance on the true labels.
   */
  static Dataset<Row> withShuffledLabels(Dataset<Row> data) {
    // A window over the whole data set runs in one task: fine for the lessons'
    // at most 20,000 rows.
    Dataset<Row> features =
        data.drop(LABEL).withColumn("position", row_number().over(Window.orderBy("id")));
    Dataset<Row> labels =
        data.select(col(LABEL), rand(SHUFFLE_SEED).as("draw"))
            .withColumn("position", row_number().over(Window.orderBy("draw")))
            .drop("draw");
    return features.join(labels, "position").drop("position");
  }

  /**
   * Plan and region indexed and one-hot encoded, assembled with the numeric columns into one
   * feature vector, and a logistic regression of at most {@code maxIterations} iterations.
   */
  static Pipeline pipeline(int maxIterations) {
    StringIndexer indexer =
        new StringIndexer()
            .setInputCols(new String[] {"plan", "region"})
            .setOutputCols(new String[] {"plan_index", "region_index"});
    OneHotEncoder encoder =
        new OneHotEncoder()
            .setInputCols(new String[] {"plan_index", "region_index"})
            .setOutputCols(new String[] {"plan_vector", "region_vector"});
    VectorAssembler assembler =
        new VectorAssembler()
            .setInputCols(
                new String[] {
                  "tenure_months", "support_calls", "monthly_fee", "plan_vector", "region_vector"
                })
            .setOutputCol("features");
    LogisticRegression classifier =
        new LogisticRegression().setLabelCol(LABEL).setMaxIter(maxIterations);
    return new Pipeline().setStages(new PipelineStage[] {indexer, encoder, assembler, classifier});
  }
}
