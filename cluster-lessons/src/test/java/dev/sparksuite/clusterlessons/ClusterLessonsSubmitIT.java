package dev.sparksuite.clusterlessons;

import static dev.sparksuite.testkit.FormatJarTests.lesson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.RunOfAll;
import dev.sparksuite.testkit.SparkSubmit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shaded jar's {@code --all} run through the assembled Spark home's spark-submit on {@code
 * local[2]}: every lesson taking only its output directory runs there (MLlib 4.1.0 on the 4.1.1
 * home included), prints what it teaches at Spark's defaults, and the others are named as skipped.
 */
class ClusterLessonsSubmitIT {

  private static RunOfAll all;

  @BeforeAll
  static void runEveryLesson(@TempDir Path root) throws Exception {
    all = RunOfAll.submitWithSparkDefaults(root.resolve("all").toString(), Duration.ofMinutes(10));
  }

  static Stream<Arguments> lessons() {
    return Stream.of(
        lesson(
            "PipelineTrainingExample",
            "area under ROC: 0.8",
            "what this shows: the pipeline learned the signal"),
        lesson(
            "ModelPersistenceExample",
            "  metadata/part-",
            "differ)",
            "what this shows: a saved pipeline is JSON metadata and Parquet data"),
        lesson(
            "ModelTuningExample",
            "cost: 2 maps x 3 folds = 6 models fitted in the folds, then 1 on all rows",
            "what this shows: cross-validation fits every map once per fold"),
        lesson(
            "AqeCoalescingExample",
            "spark.sql.shuffle.partitions = 200, spark.sql.adaptive.enabled = true",
            "AQE off: 200 tasks after the shuffle, 180 read nothing",
            "AQE on :   1 tasks after the shuffle",
            "what this shows: without adaptive execution every one of the 200 shuffle"),
        lesson(
            "ShufflePartitionsExample",
            "spark.sql.shuffle.partitions = 200: 200 tasks",
            "spark.sql.shuffle.partitions = 2:    2 tasks",
            "what this shows: without adaptive execution the stage after a shuffle runs one"),
        lesson(
            "SkewJoinExample",
            "skew join off: 20 join tasks",
            "what this shows: without the skew join one task reads customer 0's rows"),
        lesson(
            "MapSideCombineExample",
            "reduceByKey: shuffle write       800 records",
            "groupByKey : shuffle write   400,000 records",
            "same sums: true",
            "what this shows: reduceByKey combines on the map side"));
  }

  @Test
  void everyLessonTakingOnlyAnOutputDirectoryPassesAndTheOthersAreNamedSkipped() throws Exception {
    assertThat(all.result().exitCode()).as(all.result().describe()).isZero();
    assertThat(all.verdicts())
        .as(all.result().describe())
        .containsAllEntriesOf(
            Map.of(
                "ModelServingExample", "skipped",
                "DynamicAllocationExample", "skipped",
                "HdfsLocalityExample", "skipped"));
    assertThat(all.verdicts().entrySet().stream().filter(e -> e.getValue().equals("passed")))
        .extracting(Map.Entry::getKey)
        .containsExactlyInAnyOrderElementsOf(lessons().map(a -> (String) a.get()[0]).toList());
    assertThat(SparkSubmit.classesSparkShips(SparkSubmit.jar()))
        .as("classes of the jar that Spark's jars/ (with MLlib) has too")
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lessons")
  void eachLessonPrintsWhatItTeaches(String lesson, List<String> expected) {
    String stdout = all.stdout(lesson);

    assertThat(stdout).as(all.result().describe()).contains(expected);
    assertThat(stdout.lines().findFirst())
        .hasValueSatisfying(l -> assertThat(l).startsWith("setup: "));
    assertThat(stdout + all.stderr(lesson)).as("no stack trace").doesNotContain("\tat ");
  }

  /** At Spark's defaults (the skew join on), the hot partition ran as more than one task. */
  @Test
  void theSkewJoinSplitTheHotPartitionInTheJarsRun() {
    String skew = all.stdout("SkewJoinExample");
    Matcher split = Pattern.compile("skew join on : +(\\d+) join tasks").matcher(skew);

    assertThat(split.find()).as(skew).isTrue();
    assertThat(Integer.parseInt(split.group(1))).isGreaterThan(SkewJoinExample.SHUFFLE_PARTITIONS);
  }
}
