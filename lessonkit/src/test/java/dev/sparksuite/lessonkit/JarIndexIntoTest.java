package dev.sparksuite.lessonkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.lessonkit.JarIndex.Entry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --into <output-root> <Class> [arguments]}: the index puts {@code <output-root>/<Class>}
 * where the class's arguments take {@code <output-dir>}, whatever its place among them; {@code
 * --classes} lists the classes for scripts.
 */
class JarIndexIntoTest {

  /** Records the arguments its main was given. */
  public static final class Recorder {
    static final List<List<String>> CALLS = new ArrayList<>();

    public static void main(String[] args) {
      CALLS.add(List.of(args));
    }

    static int teach(Lesson.Mode mode, String[] args) {
      main(args);
      return 0;
    }
  }

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalOut;
  private PrintStream originalErr;

  @BeforeEach
  void capture() {
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    Recorder.CALLS.clear();
  }

  @AfterEach
  void restore() {
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  @Test
  void theOutputDirectoryGoesWhereTheClassTakesIt() {
    assertThat(place("<output-dir>")).containsExactly("/data/Recorder");
    assertThat(place("<output-dir> [rows] [files]", "10")).containsExactly("/data/Recorder", "10");
    assertThat(place("<bootstrap-servers> <output-dir>", "kafka:9092"))
        .containsExactly("kafka:9092", "/data/Recorder");
    assertThat(place("[tasks] [task-millis]", "4", "500"))
        .as("no <output-dir>: the arguments as given")
        .containsExactly("4", "500");
  }

  @Test
  void intoRunsTheClassWithItsDirectoryUnderTheRootAndSaysWhere() throws Exception {
    JarIndex index = index("<bootstrap-servers> <output-dir>");

    int code = index.run(new String[] {"--into", "hdfs://nn:8020/lessons", "Recorder", "k:9092"});

    assertThat(code).isZero();
    assertThat(Recorder.CALLS)
        .containsExactly(List.of("k:9092", "hdfs://nn:8020/lessons/Recorder"));
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("test.jar: Recorder writes to hdfs://nn:8020/lessons/Recorder");
  }

  @Test
  void tooFewArgumentsBeforeTheOutputDirectoryAreRefusedInsteadOfShifted() throws Exception {
    int code =
        index("<bootstrap-servers> <output-dir>").run(new String[] {"--into", "/d", "Recorder"});

    assertThat(code).isEqualTo(2);
    assertThat(Recorder.CALLS).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo(
            "test.jar: Recorder takes <bootstrap-servers> <output-dir>: give <bootstrap-servers>"
                + " (the output directory is added)");
  }

  @Test
  void anUnknownClassIsOneLineAndExitTwoAndNothingRuns() throws Exception {
    int code = index("<output-dir>").run(new String[] {"--into", "/data", "NoSuchExample"});

    assertThat(code).isEqualTo(2);
    assertThat(Recorder.CALLS).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo(
            "test.jar: no lesson or tool named NoSuchExample: run the jar with no arguments for the list");
  }

  @Test
  void classesListsEverySimpleNameOnePerLine() throws Exception {
    assertThat(index("<output-dir>").run(new String[] {"--classes"})).isZero();

    assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly("Recorder", "String");
  }

  private static List<String> place(String arguments, String... given) {
    return List.of(JarIndex.withOutputDirectory(recorder(arguments), "/data/Recorder", given));
  }

  private static JarIndex index(String arguments) {
    return new JarIndex(
        "test.jar",
        List.of(recorder(arguments)),
        List.of(new Entry(String.class, "<file>", "a tool")));
  }

  /** A lesson that takes only its output directory has its teach, as every index requires. */
  private static Entry recorder(String arguments) {
    return arguments.equals(JarIndex.OUTPUT_DIR)
        ? new Entry(Recorder.class, Recorder::teach, "records")
        : new Entry(Recorder.class, arguments, "records");
  }
}
