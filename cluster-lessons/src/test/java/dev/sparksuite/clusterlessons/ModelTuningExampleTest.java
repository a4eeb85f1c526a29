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
 * Cross-validation fits every parameter map once per fold and the best once more, counted both by
 * the sub-models Spark kept and by the regression's own passes in Spark's jobs; the best map is the
 * one with the best average.
 */
class ModelTuningExampleTest extends SparkTestBase {

  private static Tuning tuning;

  @BeforeAll
  static void tune(@TempDir Path dir) throws Exception {
    tuning =
        ModelTuningExample.tune(
            spark,
            hadoopPath(dir),
            ModelTuningExample.REGULARIZATION,
            ModelTuningExample.ELASTIC_NET,
            ModelTuningExample.FOLDS);
  }

  @Test
  void everyMapIsFittedOncePerFoldAndTheBestOnceMore() {
    assertThat(tuning.candidates()).hasSize(2);
    assertThat(tuning.modelsFittedInFolds()).as("sub-models kept: 2 maps x 3 folds").isEqualTo(6);
    assertThat(tuning.oneFitRegressionFits()).as("training once: one regression fit").isEqualTo(1);
    assertThat(tuning.regressionFits())
        .as("the regression's statistics passes: 6 in the folds and the refit")
        .isEqualTo(7);
    assertThat(tuning.crossValidationJobs()).isGreaterThan(tuning.oneFitJobs());
  }

  @Test
  void theBestMapHasTheBestAverageAndScoresWellOnHeldOutRows() {
    double bestAverage =
        tuning.candidates().stream().mapToDouble(Candidate::averageArea).max().orElseThrow();

    assertThat(tuning.best().averageArea()).isEqualTo(bestAverage);
    assertThat(tuning.bestModelRegParam())
        .as("the model CrossValidator refitted was fitted with the best map")
        .isEqualTo(tuning.best().regParam());
    assertThat(tuning.bestHeldOutArea()).as("far above chance (0.5)").isGreaterThan(0.7);
  }
}
