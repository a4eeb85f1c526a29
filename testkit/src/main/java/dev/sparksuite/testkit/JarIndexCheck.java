package dev.sparksuite.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.Command.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What every format jar's index must do, checked the same way for each: run with no class it lists
 * every lesson in the jar and the inspector, each once, with the command that runs one; a name
 * first runs that class with the arguments after it; an unknown name is one line and exit code 2.
 */
public final class JarIndexCheck {

  private static final List<String> LOCAL = List.of("--master", "local[1]");

  private JarIndexCheck() {}

  /**
   * @param pkg the jar's package, e.g. {@code dev.sparksuite.orc}
   * @param inspector the inspector's simple name, e.g. {@code OrcInspect}
   * @param roundTripLesson the write-and-read lesson's simple name, run by name
   * @param aFile an existing file, given to that lesson as its output directory
   */
  public static void assertIndexesItself(
      String pkg, String inspector, String roundTripLesson, Path aFile, Duration timeout)
      throws Exception {
    String jar = SparkSubmit.jar().getFileName().toString();
    Result index = SparkSubmit.run(LOCAL, List.of(), timeout);
    assertThat(index.exitCode()).as(index.describe()).isZero();
    List<String> expected = new ArrayList<>(SparkSubmit.lessonClasses());
    expected.add(pkg + "." + inspector);
    assertThat(SparkSubmit.indexedClasses(index.stdout(), pkg))
        .as(index.stdout())
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(index.stdout())
        .contains(
            "  spark-submit --class " + pkg + ".<Class> " + jar + " <arguments>",
            "  spark-submit " + jar + " <Class> <arguments>",
            "  spark-submit " + jar + " --all <output-root>",
            "A lesson's <output-dir> is a local directory or an hdfs:// path.");

    // The lesson runs once from the jar in the --all run already. By name with a file as its
    // output directory, its own refusal, which names the file, proves that the index ran it with
    // the arguments after the name, and no Spark starts.
    Result byName = SparkSubmit.run(LOCAL, List.of(roundTripLesson, aFile.toString()), timeout);
    assertThat(byName.exitCode()).as(byName.describe()).isEqualTo(2);
    assertThat(byName.stderrLines())
        .as(byName.describe())
        .contains(roundTripLesson + ": output directory " + aFile + " is a file, not a directory");

    Result unknown = SparkSubmit.run(LOCAL, List.of("NoSuchExample"), timeout);
    assertThat(unknown.exitCode()).as(unknown.describe()).isEqualTo(2);
    assertThat(unknown.stderrLines())
        .contains(
            jar
                + ": no lesson or tool named NoSuchExample: run the jar with no arguments for the list");
  }
}
