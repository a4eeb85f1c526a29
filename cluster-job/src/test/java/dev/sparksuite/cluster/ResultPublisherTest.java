package dev.sparksuite.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparksuite.testkit.ChildJvm;
import dev.sparksuite.testkit.SparkTestBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

  /**
   * Fails the n-th rename (1: old output aside, 2: new output in) or the delete of the old output.
   */
  private static final class FailingFileSystem extends FilterFileSystem {
    private final int failingRename;
    private final boolean failDelete;
    private int renames;

    FailingFileSystem(FileSystem fs, int failingRename, boolean failDelete) {
      super(fs);
      this.failingRename = failingRename;
      this.failDelete = failDelete;
    }

    @Override
    public boolean rename(org.apache.hadoop.fs.Path from, org.apache.hadoop.fs.Path to)
        throws IOException {
      if (++renames == failingRename) {
        throw new IOException("injected failure of rename " + renames);
      }
      return super.rename(from, to);
    }

    @Override
    public boolean delete(org.apache.hadoop.fs.Path path, boolean recursive) throws IOException {
      if (failDelete && path.getName().contains("-previous-")) {
        return false;
      }
      return super.delete(path, recursive);
    }
  }

  @ParameterizedTest(name = "rename {0} fails")
  @ValueSource(ints = {1, 2})
  void aFailedRenameLeavesTheOldOutputWhole(int failingRename) throws IOException {
    Path output = previousOutput();
    FileSystem fs = new FailingFileSystem(local(), failingRename, false);

    try (ResultPublisher publisher =
        new ResultPublisher(fs, new org.apache.hadoop.fs.Path(output.toString()))) {
      publisher.stage(Map.of("numbers", spark.range(0, 10).toDF()));
      assertThatThrownBy(publisher::publish)
          .isInstanceOf(IOException.class)
          .hasMessage(
              failingRename == 1 ? "injected failure of rename 1" : "injected failure of rename 2");
    }

    assertThat(output.resolve("old-run.txt"))
        .as("the old output, back in place")
        .hasContent("previous results");
    assertThat(output.resolve("numbers")).doesNotExist();
    assertThat(leftovers()).as("no staging or set-aside directory remains").isEmpty();
  }

  @Test
  void aFailedDeleteOfTheOldOutputLeavesTheNewOutputWhole() throws IOException {
    Path output = previousOutput();
    FileSystem fs = new FailingFileSystem(local(), 0, true);

    try (ResultPublisher publisher =
        new ResultPublisher(fs, new org.apache.hadoop.fs.Path(output.toString()))) {
      publisher.stage(Map.of("numbers", spark.range(0, 10).toDF()));
      assertThatThrownBy(publisher::publish)
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("the new output is in ")
          .hasMessageContaining("but the previous one could not be deleted from ");
    }

    assertThat(output.resolve("old-run.txt")).doesNotExist();
    assertThat(spark.read().parquet(output.resolve("numbers").toString()).count()).isEqualTo(10);
    assertThat(leftovers())
        .as("only the old output, set aside")
        .singleElement()
        .satisfies(p -> assertThat(p.resolve("old-run.txt")).hasContent("previous results"));
  }

  @Test
  void ofTwoRunsPublishingAtOnceOneSucceedsAndTheOtherKeepsItsWholeResult() throws IOException {
    Path output = previousOutput();
    var path = new org.apache.hadoop.fs.Path(output.toString());
    ResultPublisher second = new ResultPublisher(local(), path);
    second.stage(Map.of("second", spark.range(0, 20).toDF()));

    // The second run publishes while the first has set the old output aside.
    ResultPublisher first =
        new ResultPublisher(
            local(),
            path,
            () -> {
              try {
                second.publish();
                second.close();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    first.stage(Map.of("first", spark.range(0, 10).toDF()));
    assertThatThrownBy(first::publish)
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("another run published to ")
        .hasMessageContaining("this run's result is whole in " + first.staging());
    first.close();

    assertThat(spark.read().parquet(output.resolve("second").toString()).count())
        .as("the run that published first holds the output")
        .isEqualTo(20);
    assertThat(output.resolve("first")).doesNotExist();
    assertThat(Files.list(output))
        .as("nothing nested in the output")
        .noneMatch(p -> p.getFileName().toString().startsWith("."));
    assertThat(spark.read().parquet(first.staging() + "/first").count())
        .as("the other run's result, kept whole")
        .isEqualTo(10);
    assertThat(leftovers())
        .as("the other run's staging and the output before both")
        .hasSize(2)
        .anySatisfy(p -> assertThat(p.resolve("old-run.txt")).hasContent("previous results"));
  }

  @Test
  void aRunThatFindsThePreviousOutputMovedAsideMeanwhilePublishesOntoTheEmptyPath()
      throws IOException {
    Path output = previousOutput();
    var path = new org.apache.hadoop.fs.Path(output.toString());
    Path setAside = dir.resolve(".results-previous-other");
    var elsewhere = new org.apache.hadoop.fs.Path(setAside.toString());
    // Between this run's check and its rename, another run sets the previous output aside.
    FileSystem racing =
        new FilterFileSystem(local()) {
          @Override
          public boolean rename(org.apache.hadoop.fs.Path from, org.apache.hadoop.fs.Path to)
              throws IOException {
            if (from.getName().equals(path.getName()) && exists(from)) {
              super.rename(from, elsewhere);
            }
            return super.rename(from, to);
          }
        };

    try (ResultPublisher publisher = new ResultPublisher(racing, path)) {
      publisher.stage(Map.of("numbers", spark.range(0, 10).toDF()));
      publisher.publish();
    }

    assertThat(spark.read().parquet(output.resolve("numbers").toString()).count()).isEqualTo(10);
    assertThat(setAside.resolve("old-run.txt"))
        .as("the output the other run set aside, untouched")
        .hasContent("previous results");
  }

  @Test
  void aRunKilledBetweenItsRenamesLeavesTheOldOutputWhichTheNextRunPutsBack() throws Exception {
    Path output = previousOutput();
    Path holding = dir.resolve("holding");
    Path log = dir.resolve("killed-run.log");
    Process killed =
        ChildJvm.start(
            PublisherHeldBetweenRenames.class,
            List.of(),
            log,
            output.toString(),
            holding.toString());
    try {
      ChildJvm.awaitFile(killed, holding, log, Duration.ofMinutes(1));
    } finally {
      killed.destroyForcibly().waitFor();
    }
    assertThat(output).as("killed between the renames: no output").doesNotExist();

    List<String> recovered;
    try (ResultPublisher next =
        new ResultPublisher(local(), new org.apache.hadoop.fs.Path(output.toString()))) {
      recovered = next.recover();
    }

    assertThat(output.resolve("old-run.txt"))
        .as("the old output, back in place")
        .hasContent("previous results");
    assertThat(recovered)
        .hasSize(2)
        .anySatisfy(line -> assertThat(line).startsWith("recovered: the output set aside"))
        .anySatisfy(line -> assertThat(line).startsWith("leftover: a staging directory"));
  }

  private Path previousOutput() throws IOException {
    Path output = dir.resolve("results");
    Files.createDirectories(output);
    Files.writeString(output.resolve("old-run.txt"), "previous results");
    return output;
  }

  private static FileSystem local() throws IOException {
    return FileSystem.getLocal(spark.sparkContext().hadoopConfiguration());
  }

  private Stream<Path> leftovers() throws IOException {
    return Files.list(dir).filter(p -> p.getFileName().toString().startsWith("."));
  }
}
