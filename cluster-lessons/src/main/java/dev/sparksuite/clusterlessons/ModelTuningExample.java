package dev.sparksuite.clusterlessons;

import dev.sparksuite.lessonkit.Lesson;
import dev.sparksuite.lessonkit.SparkWorkCounter.SparkWork;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Tuning with {@code CrossValidator}, and what it costs. A grid of parameter maps and k folds mean
 * every map is fitted k times, each on k − 1 folds and scored on the one left out; the best map by
 * average score is then fitted once more on all the rows. So a grid of 2 maps and 3 folds is 7 fits
 * of the whole pipeline where training once is 1, and the lesson counts what that is in Spark jobs.
 * Each fit of the regression starts with one pass of its {@code Summarizer}, so counting those
 * passes counts the fits. ({@code setParallelism(n)} fits up to n of a fold's maps at once on the
 * same executors: shorter wall time when cores sit idle, the same work.)
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.clusterlessons.ModelTuningExample
 * cluster-lessons/target/cluster-lessons.jar <output-dir>}
 */
public final class ModelTuningExample {

  static final long ROWS = 10_000;
  static final int PARTITIONS = 4;
  static final int MAX_ITERATIONS = 5;
  static final int FOLDS = 3;
  static final double[] REGULARIZATION = {0.0, 0.1};
  static final double[] ELASTIC_NET = {0.0};

  /** The stage of the regression's statistics pass, named after its call site. */
  static final String SUMMARIZER_STAGE = "treeAggregate at Summarizer";

  private ModelTuningExample() {}

  /** One parameter map and its area under ROC averaged over the folds. */
  public record Candidate(double regParam, double elasticNetParam, double averageArea) {}

  /**
   * The grid's scores, the sub-models Spark kept (one per map and fold), the regression fits
   * counted in Spark's jobs, the best map's area on held-out rows, and the Spark jobs of one fit
   * against those of the whole cross-validation.
   */
  public record Tuning(
      List<Candidate> candidates,
      int folds,
      int modelsFittedInFolds,
      int regressionFits,
      Candidate best,
      double bestModelRegParam,
      double bestHeldOutArea,
      int oneFitRegressionFits,
      int oneFitJobs,
      int crossValidationJobs) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        ModelTuningExample.class,
        (spark, output) -> {
          System.out.printf(
              Locale.ROOT,
              "setup: the subscribers pipeline on %,d rows (80 %% to tune on), a grid of "
                  + "regParam %s x elasticNetParam %s, %d folds, scored by area under ROC%n",
              ROWS,
              Arrays.toString(REGULARIZATION),
              Arrays.toString(ELASTIC_NET),
              FOLDS);
          Tuning t = tune(spark, output, REGULARIZATION, ELASTIC_NET, FOLDS);
          t.candidates()
              .forEach(
                  c ->
                      System.out.printf(
                          Locale.ROOT,
                          "  regParam %.1f, elasticNetParam %.1f: average area %.4f%n",
                          c.regParam(),
                          c.elasticNetParam(),
                          c.averageArea()));
          System.out.printf(
              Locale.ROOT,
              "best: regParam %.1f, elasticNetParam %.1f; area on held-out rows %.4f%n"
                  + "cost: %d maps x %d folds = %d models fitted in the folds, then 1 on all "
                  + "rows; regression fits in Spark's jobs: %d; Spark jobs: one fit %d, the "
                  + "cross-validation %d (%.1fx)%n",
              t.best().regParam(),
              t.best().elasticNetParam(),
              t.bestHeldOutArea(),
              t.candidates().size(),
              t.folds(),
              t.modelsFittedInFolds(),
              t.regressionFits(),
              t.oneFitJobs(),
              t.crossValidationJobs(),
              (double) t.crossValidationJobs() / t.oneFitJobs());
          System.out.printf(
              Locale.ROOT,
              "what this shows: cross-validation fits every map once per fold and the best "
                  + "once more: %d fits, %d Spark jobs where one fit ran %d%n",
              t.modelsFittedInFolds() + 1,
              t.crossValidationJobs(),
              t.oneFitJobs());
        });
  }

  /**
   * Fits the pipeline once, then cross-validates it over the grid; the best model is saved under
   * the output directory.
   */
  public static Tuning tune(
      SparkSession spark, Path output, double[] regParams, double[] elasticNetParams, int folds)
      throws IOException {
    Dataset<Row>[] split = Subscribers.trainAndTest(spark, ROWS, PARTITIONS);
    Dataset<Row> train = split[0].cache();
    Pipeline pipeline = Subscribers.pipeline(MAX_ITERATIONS);
    LogisticRegression classifier = (LogisticRegression) pipeline.getStages()[3];
    ParamMap[] grid =
        new ParamGridBuilder()
            .addGrid(classifier.regParam(), regParams)
            .addGrid(classifier.elasticNetParam(), elasticNetParams)
            .build();
    BinaryClassificationEvaluator evaluator =
        new BinaryClassificationEvaluator().setLabelCol(Subscribers.LABEL);
    CrossValidator validator =
        new CrossValidator()
            .setEstimator(pipeline)
            .setEstimatorParamMaps(grid)
            .setEvaluator(evaluator)
            .setNumFolds(folds)
            .setSeed(7)
            // Keeps every fold's models: Spark's own record of what it fitted.
            .setCollectSubModels(true);
    // Filled before the measurements, so that neither counts the job that caches the rows.
    train.count();
    SparkWork oneFit = Measured.run(spark, () -> pipeline.fit(train)).work();
    Measured<CrossValidatorModel> validation = Measured.call(spark, () -> validator.fit(train));
    CrossValidatorModel model = validation.value();
    SparkWork crossValidation = validation.work();
    List<Candidate> candidates = new ArrayList<>();
    double[] averages = model.avgMetrics();
    int bestIndex = 0;
    for (int i = 0; i < grid.length; i++) {
      candidates.add(
          new Candidate(
              (Double) grid[i].apply(classifier.regParam()),
              (Double) grid[i].apply(classifier.elasticNetParam()),
              averages[i]));
      if (averages[i] > averages[bestIndex]) {
        bestIndex = i;
      }
    }
    int fitted = 0;
    for (Model<?>[] fold : model.subModels()) {
      fitted += (int) Arrays.stream(fold).filter(Objects::nonNull).count();
    }
    PipelineModel best = (PipelineModel) model.bestModel();
    best.write().overwrite().save(new Path(output, "best-model").toString());
    double heldOut = evaluator.evaluate(best.transform(split[1]));
    train.unpersist();
    return new Tuning(
        candidates,
        folds,
        fitted,
        summarizerPasses(crossValidation),
        candidates.get(bestIndex),
        ((LogisticRegressionModel) best.stages()[3]).getRegParam(),
        heldOut,
        summarizerPasses(oneFit),
        oneFit.jobs(),
        crossValidation.jobs());
  }

  /**
   * The regression's first pass over its rows, one job per fit (a {@code treeAggregate} may run as
   * more than one stage).
   */
  static int summarizerPasses(SparkWork work) {
    return work.jobsWithStageNamed(SUMMARIZER_STAGE).size();
  }
}
