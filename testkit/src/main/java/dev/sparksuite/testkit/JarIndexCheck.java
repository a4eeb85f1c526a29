package dev.sparksuite.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.Command.Result;
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
   * @param roundTripLesson the write-and-read lesson's simple name, run by name with no argument
   */
  public static void assertIndexesItself(
      String pkg, String inspector, String roundTripLesson, Duration timeout)
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

    // The lesson runs once from the jar in the --all run already; by name without its argument,
    // its own usage line proves the index handed it the remaining (here: no) arguments.
    Result byName = SparkSubmit.run(LOCAL, List.of(roundTripLesson), timeout);
    assertThat(byName.exitCode()).as(byName.describe()).isEqualTo(2);
    assertThat(byName.stderrLines())
        .as(byName.describe())
        .contains(
            "usage: spark-submit --class "
                + pkg
                + "."
                + roundTripLesson
                + " "
                + SparkSubmit.jar()
                + " <output-dir>");

    Result unknown = SparkSubmit.run(LOCAL, List.of("NoSuchExample"), timeout);
    assertThat(unknown.exitCode()).as(unknown.describe()).isEqualTo(2);
    assertThat(unknown.stderrLines())
        .contains(
            jar
                + ": no lesson or tool named NoSuchExample: run the jar with no arguments for the list");
  }
}
