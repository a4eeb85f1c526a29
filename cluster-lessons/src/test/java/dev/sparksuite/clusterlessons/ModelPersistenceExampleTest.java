package dev.sparksuite.clusterlessons;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparksuite.clusterlessons.ModelPersistenceExample.Persistence;
import dev.sparksuite.testkit.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link ModelPersistenceExample}: a saved pipeline is JSON metadata and Parquet data. */
class ModelPersistenceExampleTest extends SparkTestBase {

  private static Persistence persistence;

  @BeforeAll
  static void persist() throws Exception {
    persistence = SavedPipeline.persisted(spark);
  }

  @Test
  void theSavedPipelineIsMetadataJsonPerStageAndParquetForWhatTheStagesLearned()
      throws IOException {
    assertThat(persistence.saved().files())
        .as("the pipeline's metadata and a directory per stage")
        .anySatisfy(f -> assertThat(f).startsWith("metadata/part-"))
        .anySatisfy(f -> assertThat(f).matches("stages/0_strIdx_.*/data/.*\\.parquet"))
        .anySatisfy(f -> assertThat(f).matches("stages/1_oneHotEncoder_.*/data/.*\\.parquet"))
        .anySatisfy(f -> assertThat(f).matches("stages/3_logreg_.*/data/.*\\.parquet"))
        .noneSatisfy(f -> assertThat(f).matches("stages/2_vecAssembler_.*/data/.*"));
    assertThat(persistence.saved().metadataFiles())
        .as("the pipeline and its 4 stages")
        .isEqualTo(5);
    assertThat(pipelineMetadata().path("class").asText())
        .isEqualTo("org.apache.spark.ml.PipelineModel");
    assertThat(pipelineMetadata().path("paramMap").path("stageUids")).hasSize(4);
    assertThat(persistence.saved().metadataFiles() + persistence.saved().parquetFiles())
        .as("nothing but metadata JSON and Parquet")
        .isEqualTo(persistence.saved().files().size());
  }

  /** The pipeline's metadata file, parsed as the one line of JSON it is. */
  private static JsonNode pipelineMetadata() throws IOException {
    Path metadata = SavedPipeline.DIR.resolve(ModelServingExample.MODEL).resolve("metadata");
    try (Stream<Path> files = Files.list(metadata)) {
      Path part =
          files
              .filter(f -> f.getFileName().toString().startsWith("part-"))
              .findFirst()
              .orElseThrow();
      return new ObjectMapper().readTree(Files.readString(part));
    }
  }
}
