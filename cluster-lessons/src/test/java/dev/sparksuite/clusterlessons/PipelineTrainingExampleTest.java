package dev.sparksuite.clusterlessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.clusterlessons.PipelineTrainingExample.Training;
import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline learns the signal the data was drawn from: far above chance on held-out rows, and at
 * chance when trained on the same rows with their labels shuffled; its loss evaluations are Spark
 * jobs over every partition of the cached training blocks.
 */
class PipelineTrainingExampleTest extends SparkTestBase {

  private static Training training;

  @BeforeAll
  static void train(@TempDir Path dir) {
    training = PipelineTrainingExample.train(spark, hadoopPath(dir));
    System.out.println(training);
  }

  @Test
  void thePipelineLearnsTheSignalAndShuffledLabelsTeachItNothing() {
    assertThat(training.shuffledLabelsAccuracy())
        .as("labels shuffled: the majority class for every row")
        .isEqualTo(training.majorityAccuracy());
    assertThat(training.accuracy())
        .as("better than always answering the majority class")
        .isGreaterThan(training.majorityAccuracy() + 0.05);
    assertThat(training.areaUnderRoc() - training.shuffledLabelsAreaUnderRoc())
        .as("the features carry the signal the labels were drawn from")
        .isGreaterThan(0.2);
    assertThat(training.trainRows() + training.testRows()).isEqualTo(PipelineTrainingExample.ROWS);
  }

  @Test
  void eachLossEvaluationIsAJobOverTheCachedBlocks() {
    assertThat(training.optimizerIterations()).isPositive();
    TrainingSpread spread = training.spread();
    assertThat(spread.lossEvaluations())
        .as("L-BFGS evaluates the loss once at the start and at least once per iteration")
        .isGreaterThan(training.optimizerIterations());
    assertThat(spread.evaluationsOnEveryHost())
        .as("one host here: every evaluation ran on it")
        .isEqualTo(spread.lossEvaluations());
    assertThat(spread.tasksPerHost()).hasSize(1);
    assertThat(training.trainingJobs()).isGreaterThan(spread.lossEvaluations());
  }
}
