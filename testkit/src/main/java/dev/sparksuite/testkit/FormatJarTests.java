package dev.sparksuite.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparksuite.lessonkit.JarIndex;
import dev.sparksuite.testkit.Command.Result;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * What every format jar promises, tested the same way for each by its {@code *LessonsSubmitIT}:
 * every lesson checks its output directory before Spark starts (all in this JVM), the jar lists its
 * lessons and runs every one that takes only its output directory in one {@code spark-submit}, its
 * inspector verifies a directory and names a bad file, and it carries no class Spark ships. The
 * lessons run with their output on an HDFS the class starts from the assembled Hadoop home.
 */
public abstract class FormatJarTests {

  /**
   * One row of a module's {@code lessons()}: a lesson's simple class name and the lines it prints.
   */
  public static Arguments lesson(String lesson, String... lines) {
    return Arguments.of(lesson, List.of(lines));
  }

  protected static final Duration TIMEOUT = Duration.ofMinutes(3);

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The jar's whole course on two cores: every lesson in one driver, one after the other. */
  private static final Duration RUN_OF_ALL_TIMEOUT = Duration.ofMinutes(20);

  private static LocalHdfs hdfs;
  private static RunOfAll runOfAll;
  private static List<List<String>> workingDirectoryBeforeAndAfter;

  @TempDir protected Path dir;

  @BeforeAll
  static void startHdfs(@TempDir Path hdfsDir) throws Exception {
    hdfs = LocalHdfs.start(hdfsDir, 1);
  }

  @AfterAll
  static void stopHdfs() throws InterruptedException {
    runOfAll = null;
    if (hdfs != null) {
      hdfs.close();
    }
  }

  /**
   * The jar's {@code --all} run with its root on HDFS ({@code hdfs://127.0.0.1:<port>/all}, each
   * lesson in {@code /all/<Lesson>}): run by the first test that asks, once per class.
   */
  protected static synchronized RunOfAll runOfAll() throws Exception {
    if (runOfAll == null) {
      Path workingDirectory = Path.of("").toAbsolutePath();
      List<String> before = listing(workingDirectory);
      runOfAll = RunOfAll.submit(hdfs.uri() + "/all", RUN_OF_ALL_TIMEOUT);
      workingDirectoryBeforeAndAfter = List.of(before, listing(workingDirectory));
    }
    return runOfAll;
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

  /** The jar's index, e.g. {@code OrcDriver.INDEX}. */
  protected abstract JarIndex index();

  /** The inspector's simple name, e.g. {@code OrcInspect}. */
  protected abstract String inspector();

  /** The write-and-read lesson, run by name through the jar's index. */
  protected abstract String roundTripLesson();

  /**
   * What the inspector says of a file of another format, after its name, e.g. {@code not an ORC
   * file}.
   */
  protected abstract String notThisFormat();

  /** Writes a data file of this format with the format's own library, {@code rows} rows long. */
  protected abstract void writeDataFile(Path file, int rows) throws IOException;

  /** The format's name as the inspector prints it, e.g. {@code orc} ({@code orc-inspect: …}). */
  private String format() {
    return pkg().substring(pkg().lastIndexOf('.') + 1);
  }

  /**
   * The lessons whose one argument is their output directory: every lesson in the jar. A module
   * whose lesson takes more arguments hides this with a static method of the same name (JUnit looks
   * the factory up from the test class first).
   */
  protected static List<String> lessonsTakingOnlyAnOutputDirectory() throws IOException {
    return SparkSubmit.lessonClasses();
  }

  /**
   * Each lesson refuses a file as its output directory in one line and exit code 2, before Spark
   * starts. All lessons are checked in this JVM, each run by its index entry's {@code teach} as the
   * jar's {@code --all} runs it (its exit code returned instead of ending the JVM): the check
   * happens before any session exists, so a JVM per lesson would prove nothing more.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("lessonsTakingOnlyAnOutputDirectory")
  void aFileGivenAsTheOutputDirectoryIsOneLineAndExitCodeTwo(String lesson) throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");

    OutputDirectoryRefusal refusal =
        OutputDirectoryRefusal.of(index().entry(lesson).orElseThrow(), file);

    assertThat(refusal.exitCode()).as(refusal.stderr()).isEqualTo(2);
    assertThat(refusal.stderr().lines())
        .as("what the lesson printed")
        .containsExactly(
            lesson.substring(lesson.lastIndexOf('.') + 1)
                + ": output directory "
                + file
                + " is a file, not a directory");
    assertThat(SparkSession.getDefaultSession().isDefined())
        .as("checked before Spark starts: no session")
        .isFalse();
  }

  /**
   * The jar run with no class prints its index: every lesson in the jar and the inspector, each
   * once, and the command that runs one; a name first runs that class, an unknown one is one line
   * and exit code 2.
   */
  @Test
  void theJarRunWithoutAClassListsEveryLessonAndTheInspector() throws Exception {
    Path aFile = Files.writeString(dir.resolve("a-file"), "not a directory");
    JarIndexCheck.assertIndexesItself(pkg(), inspector(), roundTripLesson(), aFile, TIMEOUT);
  }

  /**
   * One {@code spark-submit} runs every lesson of the jar that takes only its output directory, and
   * each passes; the ones that need more (a Kafka broker) are named as skipped.
   */
  @Test
  void theJarRunsEveryLessonInOneSparkSubmitAndEachPasses() throws Exception {
    RunOfAll all = runOfAll();
    Result run = all.result();

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(all.verdicts().keySet())
        .as("every lesson of the jar has its line in the summary")
        .containsExactlyInAnyOrderElementsOf(
            SparkSubmit.lessonClasses().stream()
                .map(c -> c.substring(c.lastIndexOf('.') + 1))
                .toList());
    assertThat(all.verdicts().values()).as(run.stdout()).doesNotContain("FAILED");
    long passed = all.verdicts().values().stream().filter("passed"::equals).count();
    assertThat(run.stdout())
        .contains(String.format("=== %d of %d lessons passed in ", passed, passed));
    assertThat(all.stderrBeforeTheFirstLesson())
        .as("no stack trace before the first lesson")
        .doesNotContain("\tat ");
  }

  /**
   * A lesson that logs a stack trace on purpose in a successful run (Parquet's encryption lesson
   * reads without keys, and Spark's executor logs that failed task with its trace).
   */
  protected boolean logsAStackTraceOnPurpose(String lesson) {
    return false;
  }

  /**
   * A lesson that encodes and decodes in memory: it takes an output directory and writes nothing.
   */
  protected boolean keepsItsBytesInMemory(String lesson) {
    return false;
  }

  /**
   * Each lesson's part of the jar's {@code --all} run: it passed, printed the lines its test proves
   * (the module's {@code static Stream<Arguments> lessons()}: a simple class name and its lines), a
   * {@code setup:} line and one {@code what this shows:} line, no stack trace (unless {@link
   * #logsAStackTraceOnPurpose}), and left its files under its output directory on HDFS (none if it
   * {@link #keepsItsBytesInMemory}).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("lessons")
  void eachLessonOfTheRunPrintsWhatItTeachesAndLeavesItsFilesOnHdfs(
      String lesson, List<String> expected) throws Exception {
    RunOfAll all = runOfAll();
    String stdout = all.stdout(lesson);

    assertThat(all.verdict(lesson)).as(all.result().describe()).isEqualTo("passed");
    assertThat(stdout).as(all.result().describe()).contains(expected);
    assertThat(stdout.lines())
        .as("a setup line and a what-this-shows line")
        .anySatisfy(line -> assertThat(line).startsWith("setup: "))
        .filteredOn(line -> line.startsWith("what this shows: "))
        .hasSize(1);
    if (!logsAStackTraceOnPurpose(lesson)) {
      assertThat(stdout + all.stderr(lesson))
          .as("no stack trace in a successful run")
          .doesNotContain("\tat ");
    }
    if (keepsItsBytesInMemory(lesson)) {
      assertThat(filesOnHdfs(all.output(lesson))).as("a lesson that writes nothing").isEmpty();
    } else {
      assertThat(filesOnHdfs(all.output(lesson)))
          .as("what the lesson wrote, under its output directory on HDFS")
          .isNotEmpty();
    }
  }

  /**
   * Every lesson that takes only its output directory (the module's {@code
   * lessonsTakingOnlyAnOutputDirectory}) has its lines listed in {@code lessons()} and ran in the
   * run of all: a lesson that began to take more arguments would be skipped there, and fail here.
   */
  @Test
  void everyLessonOfTheRunHasItsLinesChecked() throws Exception {
    List<String> takingOnlyAnOutputDirectory =
        this.<List<String>>staticFactory("lessonsTakingOnlyAnOutputDirectory").stream()
            .map(c -> c.substring(c.lastIndexOf('.') + 1))
            .toList();
    List<String> withLines =
        this.<Stream<Arguments>>staticFactory("lessons").map(a -> (String) a.get()[0]).toList();
    List<String> ran =
        runOfAll().verdicts().entrySet().stream()
            .filter(e -> !e.getValue().equals("skipped"))
            .map(Map.Entry::getKey)
            .toList();

    assertThat(withLines)
        .as("the lessons with expected lines")
        .containsExactlyInAnyOrderElementsOf(takingOnlyAnOutputDirectory);
    assertThat(ran)
        .as("the lessons the run of all ran")
        .containsExactlyInAnyOrderElementsOf(takingOnlyAnOutputDirectory);
  }

  /**
   * A static factory as JUnit's {@code @MethodSource} finds it: the test class's own if it declares
   * one, else the one this class declares.
   */
  @SuppressWarnings("unchecked")
  private <T> T staticFactory(String name) {
    Method factory = ReflectionSupport.findMethod(getClass(), name).orElseThrow();
    return (T) ReflectionSupport.invokeMethod(factory, null);
  }

  /** The lessons keep everything under their output directory (and a temporary one). */
  @Test
  void theRunOfAllLeavesNothingInTheWorkingDirectory() throws Exception {
    Result run = runOfAll().result();

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(workingDirectoryBeforeAndAfter.get(1))
        .as("after the run, as before it")
        .isEqualTo(workingDirectoryBeforeAndAfter.get(0));
  }

  private static List<String> listing(Path directory) throws IOException {
    try (var files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void theInspectorRunsFromTheJarAndNamesABadFile() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad." + format()), "not " + format() + " at all");
    Result run = SparkSubmit.runLesson(pkg() + "." + inspector(), List.of(bad.toString()), TIMEOUT);

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
    assertThat(run.stderrLines())
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith(format() + "-inspect: " + bad + ": " + notThisFormat()));
    assertThat(run.stderr()).doesNotContain("\tat ");
  }

  /**
   * A directory as Spark leaves one (data files, {@code _SUCCESS}, {@code .crc}), verified and as
   * JSON, from the jar.
   */
  @Test
  void theInspectorVerifiesADirectoryAndPrintsJsonFromTheJar() throws Exception {
    Path table = Files.createDirectories(dir.resolve("table"));
    writeDataFile(table.resolve("part-00000"), 100);
    writeDataFile(table.resolve("part-00001"), 50);
    Files.createFile(table.resolve("_SUCCESS"));
    long bytes = Files.size(table.resolve("part-00000")) + Files.size(table.resolve("part-00001"));
    String inspector = pkg() + "." + inspector();

    Result verify =
        SparkSubmit.runLesson(inspector, List.of("--verify", table.toString()), TIMEOUT);

    assertThat(verify.exitCode()).as(verify.describe()).isZero();
    assertThat(verify.stdout())
        .as(verify.describe())
        .contains("verified:    100 rows decoded")
        .contains("verified:    50 rows decoded")
        .contains(String.format("total:       2 file(s), 150 rows, %,d bytes", bytes));
    assertThat(verify.stderr()).doesNotContain("\tat ");

    Result json =
        SparkSubmit.runLesson(inspector, List.of("--json", table.toUri().toString()), TIMEOUT);

    assertThat(json.exitCode()).as(json.describe()).isZero();
    List<JsonNode> documents = new ArrayList<>();
    for (String line : json.stdout().lines().filter(l -> l.startsWith("{")).toList()) {
      documents.add(JSON.readTree(line));
    }
    assertThat(documents).extracting(d -> d.get("rows").asLong()).containsExactly(100L, 50L);
    assertThat(documents).extracting(d -> d.get("format").asText()).containsOnly(format());
    assertThat(documents.get(0).get("file").asText())
        .isEqualTo(table.toUri().toString().replace("file:///", "file:/") + "part-00000");
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
