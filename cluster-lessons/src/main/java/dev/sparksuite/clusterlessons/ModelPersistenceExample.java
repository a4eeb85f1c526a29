package dev.sparksuite.clusterlessons;

import dev.sparksuite.lessonkit.Lesson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A fitted pipeline saved, and served from what was saved. {@code PipelineModel.write().save(dir)}
 * writes a directory on any Hadoop file system (HDFS here on the cluster): the pipeline's {@code
 * metadata} (one line of JSON: its class, Spark version, parameters and stage ids) and a {@code
 * stages/<n>_<uid>} directory per stage, each with its own metadata JSON and, for a stage that
 * learned something (the indexer's labels, the encoder's category sizes, the regression's
 * coefficients), a {@code data} directory of Parquet files. Nothing in it is Java serialization:
 * {@code PipelineModel.load} rebuilds the stages from it in another application.
 *
 * <p>The lesson fits the pipeline, saves it with the held-out rows and the fitted model's
 * predictions of them, and serves it as {@link ModelServingExample} does: loads it, scores the same
 * rows and compares the predictions and probabilities with the fitted model's, row for row. On the
 * cluster, {@code ModelServingExample} does that in a second application.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.clusterlessons.ModelPersistenceExample
 * cluster-lessons/target/cluster-lessons.jar <output-dir>}
 */
public final class ModelPersistenceExample {

  static final long ROWS = 20_000;
  static final int PARTITIONS = 4;
  static final int MAX_ITERATIONS = 10;

  private ModelPersistenceExample() {}

  /** What the saved model directory holds: its files (relative), and how many are which kind. */
  public record Saved(List<String> files, long metadataFiles, long parquetFiles) {}

  /** Where the training ran, the saved directory, and the model served from it. */
  public record Persistence(
      TrainingSpread training, Saved saved, ModelServingExample.Served served) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        ModelPersistenceExample.class,
        (spark, output) -> {
          System.out.printf(
              Locale.ROOT,
              "setup: the subscribers pipeline fitted on 80 %% of %,d rows, saved to %s with "
                  + "the held-out rows and their predictions%n",
              ROWS,
              new Path(output, ModelServingExample.MODEL));
          Persistence p = persist(spark, output);
          System.out.printf(
              Locale.ROOT,
              "saved: %d files, %d of them metadata JSON, %d Parquet:%n",
              p.saved().files().size(),
              p.saved().metadataFiles(),
              p.saved().parquetFiles());
          p.saved().files().forEach(f -> System.out.println("  " + f));
          System.out.println("training: " + p.training().describe());
          ModelServingExample.print(p.served());
          System.out.printf(
              Locale.ROOT,
              "what this shows: a saved pipeline is JSON metadata and Parquet data; loaded "
                  + "back, it scored %,d held-out rows exactly as the fitted one did (%d "
                  + "differ)%n",
              p.served().rows(),
              p.served().differing());
        });
  }

  /**
   * Fits, saves the model, the held-out rows and their predictions, then serves the saved model.
   */
  public static Persistence persist(SparkSession spark, Path output) throws IOException {
    Dataset<Row>[] split = Subscribers.trainAndTest(spark, ROWS, PARTITIONS);
    Measured<PipelineModel> fit =
        Measured.call(spark, () -> Subscribers.pipeline(MAX_ITERATIONS).fit(split[0]));
    save(spark, fit.value(), split[1], output);
    return new Persistence(
        TrainingSpread.of(fit.work()),
        saved(Lesson.fileSystem(spark, output), new Path(output, ModelServingExample.MODEL)),
        ModelServingExample.serve(spark, output));
  }

  /**
   * The model, the rows it is to score and its own predictions of them, under {@code output} where
   * {@link ModelServingExample} finds them.
   */
  static void save(SparkSession spark, PipelineModel model, Dataset<Row> rows, Path output)
      throws IOException {
    model.write().overwrite().save(new Path(output, ModelServingExample.MODEL).toString());
    rows.write()
        .mode("overwrite")
        .parquet(new Path(output, ModelServingExample.HELD_OUT).toString());
    ModelServingExample.predictions(
            model, spark.read().parquet(new Path(output, ModelServingExample.HELD_OUT).toString()))
        .write()
        .mode("overwrite")
        .parquet(new Path(output, ModelServingExample.PREDICTIONS).toString());
  }

  private static Saved saved(FileSystem fs, Path model) throws IOException {
    String root = fs.getFileStatus(model).getPath().toString() + "/";
    List<String> files = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> all = fs.listFiles(model, true);
    while (all.hasNext()) {
      String name = all.next().getPath().toString().substring(root.length());
      // Hadoop's checksums and Spark's commit markers are not the model.
      if (!name.endsWith(".crc") && !name.endsWith("_SUCCESS")) {
        files.add(name);
      }
    }
    files.sort(null);
    return new Saved(
        files,
        files.stream().filter(f -> f.contains("metadata/part-")).count(),
        files.stream().filter(f -> f.endsWith(".parquet")).count());
  }
}
