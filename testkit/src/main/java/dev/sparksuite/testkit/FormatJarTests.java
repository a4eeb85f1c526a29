package dev.sparksuite.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.Command.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every format jar promises, tested the same way for each by its {@code *LessonsSubmitIT}:
 * every lesson checks its output directory before Spark starts, the jar lists its lessons, and it
 * carries no class Spark ships.
 */
public abstract class FormatJarTests {

  protected static final Duration TIMEOUT = Duration.ofMinutes(3);

  @TempDir protected Path dir;

  /** The jar's package, e.g. {@code dev.sparksuite.orc}. */
  protected abstract String pkg();

  /** The inspector's simple name, e.g. {@code OrcInspect}. */
  protected abstract String inspector();

  /** The write-and-read lesson, which prints its "equal" line. */
  protected abstract String roundTripLesson();

  /**
   * The lessons whose one argument is their output directory: every lesson in the jar. A module
   * whose lesson takes more arguments hides this with a static method of the same name (JUnit looks
   * the factory up from the test class first).
   */
  protected static List<String> lessonsTakingOnlyAnOutputDirectory() throws IOException {
    return SparkSubmit.lessonClasses();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lessonsTakingOnlyAnOutputDirectory")
  void aFileGivenAsTheOutputDirectoryIsOneLineAndExitCodeTwo(String lesson) throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    Result run = SparkSubmit.runLesson(lesson, List.of(file.toString()), TIMEOUT);

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
    assertThat(run.stderrLines())
        .as(run.describe())
        .contains(
            lesson.substring(lesson.lastIndexOf('.') + 1)
                + ": output directory "
                + file
                + " is a file, not a directory");
    assertThat(run.stderr())
        .as("checked before Spark starts: no stack trace")
        .doesNotContain("\tat ");
  }

  /**
   * The jar run with no class prints its index: every lesson in the jar and the inspector, each
   * once, and the command that runs one; a name first runs that class, an unknown one is one line
   * and exit code 2.
   */
  @Test
  void theJarRunWithoutAClassListsEveryLessonAndTheInspector() throws Exception {
    JarIndexCheck.assertIndexesItself(
        pkg(), inspector(), roundTripLesson(), dir.resolve("by-name"), TIMEOUT);
  }

  /**
   * Spark loads its own copy of what it ships first: a second copy in the jar would only conflict.
   */
  @Test
  void theShadedJarCarriesNoClassSparkShips() throws Exception {
    assertThat(SparkSubmit.classesSparkShips(SparkSubmit.jar()))
        .as("classes of %s that Spark's jars/ has too", SparkSubmit.jar())
        .isEmpty();
  }
}
