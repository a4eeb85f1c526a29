package dev.sparksuite.clusterlessons;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;

import dev.sparksuite.lessonkit.Lesson;
import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * An MLlib pipeline trained across the workers. The pipeline indexes and one-hot encodes the
 * categorical columns, assembles a feature vector and fits a logistic regression. The regression
 * first computes each feature's mean and standard deviation in one pass, then scales each feature
 * by its standard deviation and packs the rows into blocks it caches on the executors ({@code
 * MEMORY_AND_DISK}); its optimizer (L-BFGS) evaluates the loss and its gradient once at the start
 * and once or more per iteration: each evaluation is a Spark job whose tasks compute them over
 * their cached blocks and sum them with {@code treeAggregate}. So training is spread like any job,
 * over the executors that hold the blocks; the lesson counts those jobs' tasks per host from
 * Spark's listener events.
 *
 * <p>The model is judged on rows it never saw (a held-out 20 %) by the area under the ROC curve and
 * by accuracy, next to the baselines of a model that knows nothing: an area of 0.5, and the
 * accuracy of answering the majority class for every row. Trained a second time on the same rows
 * with their labels shuffled, the pipeline falls to those baselines: it answers the majority class
 * for every row, and its area is that of a direction the noise happened to pick. So the first model
 * learned the signal in the features, not an artefact of the data or the split.
 *
 * <p>MLlib (with the mllib-local, GraphX and Streaming jars it pulls in) is the one part of Spark
 * this build takes at 4.1.0 (4.1.1 is not served where it builds); the assembled Spark home carries
 * it, and the official 4.1.1 image ships MLlib 4.1.1.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.clusterlessons.PipelineTrainingExample
 * cluster-lessons/target/cluster-lessons.jar <output-dir>}
 */
public final class PipelineTrainingExample {

  static final long ROWS = 20_000;
  static final int PARTITIONS = 6;
  static final int MAX_ITERATIONS = 10;

  private PipelineTrainingExample() {}

  /**
   * The trained model's scores on held-out rows, the baselines, and where the training's tasks ran:
   * its loss evaluations' tasks per host.
   */
  public record Training(
      long trainRows,
      long testRows,
      double areaUnderRoc,
      double accuracy,
      double majorityAccuracy,
      double shuffledLabelsAreaUnderRoc,
      double shuffledLabelsAccuracy,
      int trainingJobs,
      int optimizerIterations,
      TrainingSpread spread) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        PipelineTrainingExample.class,
        (spark, output) -> {
          System.out.printf(
              Locale.ROOT,
              "setup: %,d subscribers in %d partitions (plan, region, tenure, support calls, "
                  + "fee; churned drawn from a known logistic model), 80/20 split; pipeline: "
                  + "StringIndexer, OneHotEncoder, VectorAssembler, LogisticRegression (at most "
                  + "%d iterations)%n",
              ROWS,
              PARTITIONS,
              MAX_ITERATIONS);
          Training t = train(spark, output);
          System.out.printf(
              Locale.ROOT,
              "rows: %,d to train, %,d held out%n"
                  + "area under ROC: %.3f (a model that knows nothing: 0.500; trained on "
                  + "shuffled labels: %.3f)%n"
                  + "accuracy:       %.3f (always answering the majority class: %.3f; trained "
                  + "on shuffled labels: %.3f)%n"
                  + "training: %d Spark jobs for %d L-BFGS iterations; %s%n",
              t.trainRows(),
              t.testRows(),
              t.areaUnderRoc(),
              t.shuffledLabelsAreaUnderRoc(),
              t.accuracy(),
              t.majorityAccuracy(),
              t.shuffledLabelsAccuracy(),
              t.trainingJobs(),
              t.optimizerIterations(),
              t.spread().describe());
          System.out.printf(
              Locale.ROOT,
              "what this shows: the pipeline learned the signal (area %.3f against %.3f with "
                  + "the labels shuffled), and each of its %d loss evaluations was a job whose tasks "
                  + "ran on the executors holding the cached training blocks%n",
              t.areaUnderRoc(),
              t.shuffledLabelsAreaUnderRoc(),
              t.spread().lossEvaluations());
        });
  }

  /**
   * Fits the pipeline on 80 % of the subscribers, scores the rest (written under the output
   * directory), and fits it again on shuffled labels.
   */
  public static Training train(SparkSession spark, Path output) {
    Dataset<Row>[] split = Subscribers.trainAndTest(spark, ROWS, PARTITIONS);
    Dataset<Row> train = split[0].cache();
    Dataset<Row> test = split[1].cache();
    Measured<PipelineModel> fit =
        Measured.call(spark, () -> Subscribers.pipeline(MAX_ITERATIONS).fit(train));
    Dataset<Row> scored = fit.value().transform(test);
    scored
        .select("id", Subscribers.LABEL, "prediction")
        .write()
        .mode("overwrite")
        .parquet(new Path(output, "predictions").toString());
    double churnRate = test.agg(avg(Subscribers.LABEL)).first().getDouble(0);
    Dataset<Row> shuffled =
        Subscribers.pipeline(MAX_ITERATIONS)
            .fit(Subscribers.withShuffledLabels(train))
            .transform(test);
    Training training =
        new Training(
            train.count(),
            test.count(),
            areaUnderRoc(scored),
            accuracy(scored),
            Math.max(churnRate, 1 - churnRate),
            areaUnderRoc(shuffled),
            accuracy(shuffled),
            fit.work().jobs(),
            // The objective's history holds its value at the start and after each iteration.
            ((LogisticRegressionModel) fit.value().stages()[3]).summary().objectiveHistory().length
                - 1,
            TrainingSpread.of(fit.work()));
    train.unpersist();
    test.unpersist();
    return training;
  }

  /** The share of rows whose predicted class is their label. */
  static double accuracy(Dataset<Row> scored) {
    return scored.where(col("prediction").equalTo(col(Subscribers.LABEL))).count()
        / (double) scored.count();
  }

  /** The area under the ROC curve of a scored data set, against its true labels. */
  static double areaUnderRoc(Dataset<Row> scored) {
    return new BinaryClassificationEvaluator()
        .setLabelCol(Subscribers.LABEL)
        .setMetricName("areaUnderROC")
        .evaluate(scored);
  }
}
