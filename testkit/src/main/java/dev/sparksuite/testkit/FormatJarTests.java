package dev.sparksuite.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.Command.Result;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every format jar promises, tested the same way for each by its {@code *LessonsSubmitIT}:
 * every lesson checks its output directory before Spark starts, the jar lists its lessons, and it
 * carries no class Spark ships. The lessons run with their output on an HDFS the class starts from
 * the assembled Hadoop home.
 */
public abstract class FormatJarTests {

  protected static final Duration TIMEOUT = Duration.ofMinutes(3);

  private static LocalHdfs hdfs;

  @TempDir protected Path dir;

  @BeforeAll
  static void startHdfs(@TempDir Path hdfsDir) throws Exception {
    hdfs = LocalHdfs.start(hdfsDir, 1);
  }

  @AfterAll
  static void stopHdfs() throws InterruptedException {
    if (hdfs != null) {
      hdfs.close();
    }
  }

  /** A lesson's own output directory on HDFS, {@code hdfs://127.0.0.1:<port>/<Lesson>}. */
  protected static String hdfsOutput(String lesson) {
    return hdfs.uri() + "/" + lesson.substring(lesson.lastIndexOf('.') + 1);
  }

  /**
   * The files under a directory on HDFS, relative to it, read with Hadoop's client: what a lesson
   * left there.
   */
  protected static List<String> filesOnHdfs(String directory) throws IOException {
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(directory);
    List<String> files = new ArrayList<>();
    try (FileSystem fs = FileSystem.newInstance(URI.create(directory), new Configuration())) {
      if (!fs.exists(root)) {
        return files;
      }
      String prefix = fs.getFileStatus(root).getPath().toString() + "/";
      RemoteIterator<LocatedFileStatus> all = fs.listFiles(root, true);
      while (all.hasNext()) {
        files.add(all.next().getPath().toString().substring(prefix.length()));
      }
    }
    return files;
  }

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
