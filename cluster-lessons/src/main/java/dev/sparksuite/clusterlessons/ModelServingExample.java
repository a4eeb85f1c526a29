package dev.sparksuite.clusterlessons;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.col;

import dev.sparksuite.lessonkit.Lesson;
import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A saved pipeline served by another application: it loads the model {@link
 * ModelPersistenceExample} saved, scores the held-out rows saved beside it, and compares every
 * prediction and probability with the ones the fitted model gave in the application that trained
 * it. Nothing but the directory passes between the two applications.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.clusterlessons.ModelServingExample
 * cluster-lessons/target/cluster-lessons.jar <ModelPersistenceExample's output-dir>}
 */
public final class ModelServingExample {

  static final String MODEL = "model";
  static final String HELD_OUT = "held-out";
  static final String PREDICTIONS = "predictions";

  /** The arguments this lesson takes, as the jar's index lists them. */
  static final String ARGUMENTS = "<ModelPersistenceExample's output-dir>";

  private ModelServingExample() {}

  /**
   * Rows scored by the loaded model, how many had a fitted prediction to compare with, and how many
   * differ in prediction or probability.
   */
  public record Served(long rows, long compared, long differing) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        ModelServingExample.class,
        (spark, output) -> {
          System.out.println(
              "setup: the model, held-out rows and predictions ModelPersistenceExample saved in "
                  + output);
          Served served = serve(spark, output);
          print(served);
          System.out.printf(
              Locale.ROOT,
              "what this shows: this application loaded the saved pipeline and scored the "
                  + "%,d rows exactly as the application that fitted it (%d differ)%n",
              served.rows(),
              served.differing());
        });
  }

  static void print(Served served) {
    System.out.printf(
        Locale.ROOT,
        "served: %,d rows scored by the loaded model, %,d compared with the fitted model's "
            + "predictions, %d differ%n",
        served.rows(),
        served.compared(),
        served.differing());
  }

  /** Loads the model under {@code dir}, scores the held-out rows, compares with the predictions. */
  public static Served serve(SparkSession spark, Path dir) {
    PipelineModel model = PipelineModel.load(new Path(dir, MODEL).toString());
    Dataset<Row> scored =
        predictions(model, spark.read().parquet(new Path(dir, HELD_OUT).toString()));
    Dataset<Row> fitted = spark.read().parquet(new Path(dir, PREDICTIONS).toString());
    Dataset<Row> compared =
        scored
            .as("loaded")
            .join(fitted.as("fitted"), "id")
            .where(
                col("loaded.prediction")
                    .notEqual(col("fitted.prediction"))
                    .or(col("loaded.probability").notEqual(col("fitted.probability"))));
    return new Served(scored.count(), scored.join(fitted, "id").count(), compared.count());
  }

  /** Each row's id, predicted class and class probabilities, as plain columns Parquet keeps. */
  static Dataset<Row> predictions(PipelineModel model, Dataset<Row> rows) {
    return model
        .transform(rows)
        .select(
            col("id"),
            col("prediction"),
            vector_to_array(col("probability"), "float64").as("probability"));
  }
}
