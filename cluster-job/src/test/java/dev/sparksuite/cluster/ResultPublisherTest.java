package dev.sparksuite.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultPublisherTest extends SparkTestBase {

  @TempDir Path dir;

  @Test
  void anExistingOutputIsReplacedOnlyWhenPublished() throws IOException {
    Path output = dir.resolve("results");
    Files.createDirectories(output);
    Files.writeString(output.resolve("old-run.txt"), "previous results");

    try (ResultPublisher publisher = new ResultPublisher(spark, output.toString())) {
      publisher.stage(Map.of("numbers", spark.range(0, 10).toDF()));
      assertThat(output.resolve("old-run.txt")).as("staged, not yet published").exists();
      publisher.publish();
    }

    assertThat(output.resolve("old-run.txt")).doesNotExist();
    assertThat(spark.read().parquet(output.resolve("numbers").toString()).count()).isEqualTo(10);
    assertThat(leftovers()).as("no staging directory remains").isEmpty();
  }

  @Test
  void anUnpublishedRunLeavesThePreviousOutputAndNoStaging() throws IOException {
    Path output = dir.resolve("results");
    Files.createDirectories(output);
    Files.writeString(output.resolve("old-run.txt"), "previous results");

    try (ResultPublisher publisher = new ResultPublisher(spark, output.toString())) {
      publisher.stage(Map.of("numbers", spark.range(0, 10).toDF()));
      // No publish(): the run failed its self-check or a later write.
    }

    assertThat(output.resolve("old-run.txt")).hasContent("previous results");
    assertThat(output.resolve("numbers")).doesNotExist();
    assertThat(leftovers()).isEmpty();
  }

  private Stream<Path> leftovers() throws IOException {
    return Files.list(dir).filter(p -> p.getFileName().toString().startsWith("."));
  }
}
