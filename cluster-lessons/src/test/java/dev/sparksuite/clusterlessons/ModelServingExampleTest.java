package dev.sparksuite.clusterlessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.clusterlessons.ModelPersistenceExample.Persistence;
import dev.sparksuite.clusterlessons.ModelServingExample.Served;
import dev.sparksuite.testkit.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ModelServingExample}: the model loaded from a saved pipeline scores every row as the
 * fitted one did; a different model in its place would not.
 */
class ModelServingExampleTest extends SparkTestBase {

  private static Persistence persistence;

  @BeforeAll
  static void persist() throws Exception {
    persistence = SavedPipeline.persisted(spark);
  }

  @Test
  void theLoadedModelScoresEveryRowAsTheFittedOneDid() {
    Served served = persistence.served();

    assertThat(served.rows()).isPositive();
    assertThat(served.compared()).as("every row had a fitted prediction").isEqualTo(served.rows());
    assertThat(served.differing()).isZero();
    assertThat(persistence.training().lossEvaluations()).as("the fit is measured").isGreaterThan(1);
  }

  /**
   * The comparison sees a difference when there is one: a copy of the saved directory with a model
   * trained on shuffled labels in the model's place.
   */
  @Test
  void aDifferentModelInItsPlaceScoresDifferently(@TempDir Path other) throws Exception {
    copy(SavedPipeline.DIR, other);
    Subscribers.pipeline(ModelPersistenceExample.MAX_ITERATIONS)
        .fit(Subscribers.withShuffledLabels(Subscribers.generate(spark, 4_000, 2)))
        .write()
        .overwrite()
        .save(other.resolve(ModelServingExample.MODEL).toString());

    Served served = ModelServingExample.serve(spark, hadoopPath(other));

    assertThat(served.compared()).isEqualTo(served.rows());
    assertThat(served.differing()).as("another model's probabilities").isPositive();
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }
}
