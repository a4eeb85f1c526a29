package dev.sparksuite.clusterlessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.clusterlessons.ModelTuningExample.Candidate;
import dev.sparksuite.clusterlessons.ModelTuningExample.Tuning;
import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-validation fits every parameter map once per fold, by Spark's own count, and its Spark jobs
 * grow with the grid and the folds; the best map is the one with the best average.
 */
class ModelTuningExampleTest extends SparkTestBase {

  private static Tuning lessons;
  private static Tuning smallest;

  @BeforeAll
  static void tune(@TempDir Path dir) throws Exception {
    lessons =
        ModelTuningExample.tune(
            spark,
            hadoopPath(dir.resolve("grid")),
            ModelTuningExample.REGULARIZATION,
            ModelTuningExample.ELASTIC_NET,
            ModelTuningExample.FOLDS);
    // The least a cross-validation can be: one map, two folds.
    smallest =
        ModelTuningExample.tune(
            spark, hadoopPath(dir.resolve("one")), new double[] {0.0}, new double[] {0.0}, 2);
  }

  @Test
  void everyMapIsFittedOncePerFold() {
    assertThat(lessons.candidates()).hasSize(4);
    assertThat(lessons.modelsFittedInFolds()).as("4 maps x 3 folds").isEqualTo(12);
    assertThat(smallest.modelsFittedInFolds()).as("1 map x 2 folds").isEqualTo(2);
  }

  @Test
  void theJobsGrowWithTheFitsAndExceedOneFitPerFold() {
    assertThat(lessons.crossValidationJobs())
        .as("13 fits against 3")
        .isGreaterThan(smallest.crossValidationJobs());
    assertThat(lessons.crossValidationJobs())
        .as("more than one fit's jobs per fold")
        .isGreaterThan(lessons.oneFitJobs() * lessons.folds());
  }

  @Test
  void theBestMapHasTheBestAverageAndScoresWellOnHeldOutRows() {
    double bestAverage =
        lessons.candidates().stream().mapToDouble(Candidate::averageArea).max().orElseThrow();

    assertThat(lessons.best().averageArea()).isEqualTo(bestAverage);
    assertThat(lessons.bestHeldOutArea()).as("far above chance (0.5)").isGreaterThan(0.7);
  }
}
