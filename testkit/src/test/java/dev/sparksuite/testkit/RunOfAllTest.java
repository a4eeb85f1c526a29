package dev.sparksuite.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.Command.Result;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link RunOfAll} splits a {@code --all} run the way the jar prints it: the summary lines are
 * written here with the jar's own format ({@code " %-7s %-28s %6.1f s"}), so a change on either
 * side shows up here rather than as a cluster test that finds no lesson.
 */
class RunOfAllTest {

  private static final String STDOUT =
      String.join(
          "\n",
          "=== lesson 1 of 3: WriteReadExample, output /out/WriteReadExample",
          "rows written 1000, read 1000, equal: true",
          "=== lesson 2 of 3: BloomFilterExample, output /out/BloomFilterExample",
          "what this shows: a bloom filter skips row groups",
          "=== lesson 3 of 3: PageIndexExample, output /out/PageIndexExample",
          "pages read: 2 of 40",
          "=== 2 of 3 lessons passed in 60 s",
          summary("passed", "WriteReadExample", 4.2),
          summary("FAILED", "BloomFilterExample", 31.5),
          summary("passed", "PageIndexExample", 12.0),
          "  skipped KafkaAvroExample             it takes <output-dir> <bootstrap>: run it alone");

  private static String summary(String verdict, String lesson, double seconds) {
    return String.format("  %-7s %-28s %6.1f s", verdict, lesson, seconds);
  }

  private final RunOfAll run =
      new RunOfAll(new Result(List.of("spark-submit"), 1, STDOUT, "", Duration.ofSeconds(61)));

  @Test
  void eachLessonHasItsVerdictItsOutputAndWhatItPrinted() {
    assertThat(run.verdicts())
        .containsEntry("WriteReadExample", "passed")
        .containsEntry("BloomFilterExample", "FAILED")
        .containsEntry("PageIndexExample", "passed")
        .containsEntry("KafkaAvroExample", "skipped")
        .hasSize(4);
    assertThat(run.output("PageIndexExample")).isEqualTo("/out/PageIndexExample");
    assertThat(run.stdout("WriteReadExample"))
        .isEqualTo("rows written 1000, read 1000, equal: true\n");
    assertThat(run.stdout("PageIndexExample")).isEqualTo("pages read: 2 of 40\n");
  }

  @Test
  void theSlowestLessonsComeFirstWithTheirTimesAndSkippedOnesAreLeftOut() {
    assertThat(run.slowestLessons(2))
        .isEqualTo("BloomFilterExample 31.5 s, PageIndexExample 12.0 s");
    assertThat(run.slowestLessons(10))
        .isEqualTo("BloomFilterExample 31.5 s, PageIndexExample 12.0 s, WriteReadExample 4.2 s");
  }
}
