package dev.sparksuite.lessonkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --all <output-root>}: every lesson taking only its output directory runs in this JVM, each
 * into its own directory, and a failed lesson neither exits the JVM nor stops the ones after it.
 * The lessons here need no Spark: they build no session, so each is just its body.
 */
class JarIndexRunAllTest {

  /** Fails: its exit code 1 is returned to the run, which goes on. */
  static final class FailingLesson {
    static int teach(Lesson.Mode mode, String[] args) {
      return Lesson.run(
          mode,
          args,
          FailingLesson.class,
          output -> null,
          (spark, output) -> {
            throw new IllegalStateException("broken on purpose");
          });
    }
  }

  /** Writes a marker file into its output directory. */
  static final class MarkerLesson {
    static int teach(Lesson.Mode mode, String[] args) {
      return Lesson.run(
          mode,
          args,
          MarkerLesson.class,
          output -> null,
          (spark, output) ->
              Files.writeString(
                  Files.createDirectories(Path.of(output.toUri())).resolve("marker"), "ran"));
    }
  }

  /** Throws before it reaches Lesson.run. */
  static final class ThrowingLesson {
    static int teach(Lesson.Mode mode, String[] args) {
      throw new IllegalStateException("thrown before Lesson.run");
    }
  }

  /** Throws an Error, as a class missing from a jar would. */
  static final class MissingClassLesson {
    static int teach(Lesson.Mode mode, String[] args) {
      throw new NoClassDefFoundError("org/example/Missing");
    }
  }

  /** Its session function starts Spark, then fails before Lesson.run gets the session. */
  static final class LeakingLesson {
    static int teach(Lesson.Mode mode, String[] args) {
      return Lesson.run(
          mode,
          args,
          LeakingLesson.class,
          output -> {
            SparkSession.builder()
                .master("local[1]")
                .config("spark.ui.enabled", "false")
                .getOrCreate();
            throw new IllegalStateException("failed after starting Spark");
          },
          (spark, output) -> {});
    }
  }

  /** What the session lessons below saw: their application and a setting. */
  static final List<String> SEEN = new CopyOnWriteArrayList<>();

  /** On the default session: records its application, then changes a SQL setting. */
  static final class FirstDefaultLesson {
    static int teach(Lesson.Mode mode, String[] args) {
      return Lesson.run(
          mode,
          args,
          FirstDefaultLesson.class,
          (spark, output) -> {
            SEEN.add(spark.sparkContext().applicationId());
            SEEN.add(spark.conf().get("spark.sql.shuffle.partitions"));
            spark.conf().set("spark.sql.shuffle.partitions", "7");
          });
    }
  }

  /** On the default session after the first: its application, and the setting as it finds it. */
  static final class SecondDefaultLesson {
    static int teach(Lesson.Mode mode, String[] args) {
      return Lesson.run(
          mode,
          args,
          SecondDefaultLesson.class,
          (spark, output) -> {
            SEEN.add(spark.sparkContext().applicationId());
            SEEN.add(spark.conf().get("spark.sql.shuffle.partitions"));
          });
    }
  }

  /** Builds its own session, as the Hive and Iceberg lessons do. */
  static final class OwnSessionLesson {
    static int teach(Lesson.Mode mode, String[] args) {
      return Lesson.run(
          mode,
          args,
          OwnSessionLesson.class,
          output -> Lesson.sessionBuilder("own").master("local[1]").getOrCreate(),
          (spark, output) -> SEEN.add(spark.sparkContext().applicationId()));
    }
  }

  /** Takes a second argument, so the run of all skips it. */
  public static final class TwoArgumentLesson {
    public static void main(String[] args) {
      throw new AssertionError("the run of all must not call a lesson with other arguments");
    }
  }

  private static final JarIndex INDEX =
      new JarIndex(
          "test.jar",
          List.of(
              new JarIndex.Entry(FailingLesson.class, FailingLesson::teach, "fails"),
              new JarIndex.Entry(MarkerLesson.class, MarkerLesson::teach, "writes a marker"),
              new JarIndex.Entry(
                  TwoArgumentLesson.class, "<servers> " + JarIndex.OUTPUT_DIR, "needs a server")),
          List.of());

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream systemOut;
  private PrintStream systemErr;

  @BeforeEach
  void capture() {
    systemOut = System.out;
    systemErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(systemOut);
    System.setErr(systemErr);
  }

  @Test
  void aFailedLessonIsReportedAndTheNextOneStillRunsIntoItsOwnDirectory() throws Exception {
    Path root = dir.resolve("the course");

    int exit = INDEX.run(new String[] {"--all", root.toString()});

    assertThat(exit).isEqualTo(1);
    assertThat(root.resolve("MarkerLesson/marker")).hasContent("ran");
    String stdout = out.toString(StandardCharsets.UTF_8);
    assertThat(stdout)
        .contains("=== lesson 1 of 2: FailingLesson, output " + root + "/FailingLesson")
        .contains("=== lesson 2 of 2: MarkerLesson, output " + root + "/MarkerLesson")
        .contains("=== 1 of 2 lessons passed in ");
    assertThat(stdout.lines())
        .anySatisfy(l -> assertThat(l).matches("  FAILED  FailingLesson +[0-9.]+ s"))
        .anySatisfy(l -> assertThat(l).matches("  passed  MarkerLesson +[0-9.]+ s"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .matches("  skipped TwoArgumentLesson +it takes <servers> <output-dir>.*"));
    assertThat(err.toString(StandardCharsets.UTF_8).lines())
        .contains("FailingLesson failed: IllegalStateException: broken on purpose")
        .contains("=== lesson 2 of 2: MarkerLesson, output " + root + "/MarkerLesson")
        .anySatisfy(l -> assertThat(l).startsWith("=== 1 of 2 lessons passed in "));
  }

  /**
   * The default-session lessons share one application, each on a session of its own; a lesson with
   * its own session gets an application of its own, and the default-session lesson after it a new
   * shared one.
   */
  @Test
  void defaultSessionLessonsShareOneApplicationWithSettingsOfTheirOwn() throws Exception {
    System.setProperty("spark.master", "local[1]");
    System.setProperty("spark.ui.enabled", "false");
    SEEN.clear();
    JarIndex index =
        new JarIndex(
            "test.jar",
            List.of(
                new JarIndex.Entry(FirstDefaultLesson.class, FirstDefaultLesson::teach, "first"),
                new JarIndex.Entry(SecondDefaultLesson.class, SecondDefaultLesson::teach, "second"),
                new JarIndex.Entry(OwnSessionLesson.class, OwnSessionLesson::teach, "own"),
                new JarIndex.Entry(FirstDefaultLesson.class, FirstDefaultLesson::teach, "again")),
            List.of());
    try {
      int exit = index.run(new String[] {"--all", dir.resolve("course").toString()});

      assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    } finally {
      System.clearProperty("spark.master");
      System.clearProperty("spark.ui.enabled");
    }
    String first = SEEN.get(0);
    assertThat(SEEN.get(2)).as("the second lesson's application").isEqualTo(first);
    assertThat(SEEN.get(3))
        .as("the first lesson's setting stays in its own session")
        .isEqualTo(SEEN.get(1))
        .isNotEqualTo("7");
    assertThat(SEEN.get(4)).as("the own-session lesson's application").isNotEqualTo(first);
    assertThat(SEEN.get(5))
        .as("the shared application after it is a new one")
        .isNotIn(first, SEEN.get(4));
    assertThat(SparkSession.getDefaultSession().isEmpty())
        .as("the run stops the shared application at its end")
        .isTrue();
  }

  @Test
  void aLessonThatThrowsCountsAsFailedAndTheRunGoesOn() throws Exception {
    Path root = dir.resolve("course");
    JarIndex index =
        new JarIndex(
            "test.jar",
            List.of(
                new JarIndex.Entry(ThrowingLesson.class, ThrowingLesson::teach, "throws"),
                new JarIndex.Entry(
                    MissingClassLesson.class, MissingClassLesson::teach, "misses a class"),
                new JarIndex.Entry(MarkerLesson.class, MarkerLesson::teach, "writes a marker")),
            List.of());

    int exit = index.run(new String[] {"--all", root.toString()});

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8).lines())
        .contains("ThrowingLesson failed: IllegalStateException: thrown before Lesson.run")
        .contains("MissingClassLesson failed: NoClassDefFoundError: org/example/Missing");
    assertThat(root.resolve("MarkerLesson/marker")).hasContent("ran");
  }

  @Test
  void anIndexRefusesALessonTakingOnlyItsOutputDirectoryWithoutItsTeach() {
    assertThatThrownBy(
            () ->
                new JarIndex(
                    "test.jar",
                    List.of(new JarIndex.Entry(MarkerLesson.class, JarIndex.OUTPUT_DIR, "marker")),
                    List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("MarkerLesson takes only <output-dir>: --all needs its teach");
    assertThatThrownBy(
            () ->
                new JarIndex(
                    "test.jar",
                    List.of(
                        new JarIndex.Entry(
                            MarkerLesson.class,
                            "<servers> <output-dir>",
                            "marker",
                            MarkerLesson::teach)),
                    List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "MarkerLesson takes <servers> <output-dir>: --all, which gives only <output-dir>, must"
                + " not run it");
  }

  /** The next lesson's getOrCreate must not be handed a session without its own settings. */
  @Test
  void aSessionLeftRunningByAFailedLessonIsStoppedBeforeTheNext() throws Exception {
    JarIndex index =
        new JarIndex(
            "test.jar",
            List.of(new JarIndex.Entry(LeakingLesson.class, LeakingLesson::teach, "leaks")),
            List.of());

    int exit = index.run(new String[] {"--all", dir.resolve("course").toString()});

    assertThat(exit).isEqualTo(1);
    assertThat(SparkSession.getDefaultSession().isEmpty())
        .as("no default session left for the next lesson")
        .isTrue();
    assertThat(SparkSession.getActiveSession().isEmpty()).as("no active session").isTrue();
  }

  @Test
  void aLessonRunAloneStillGetsItsExitCode() {
    // Alone, Lesson.run returns the code for main to exit with.
    int exit =
        Lesson.run(
            Lesson.ALONE,
            new String[] {dir.resolve("alone").toString()},
            FailingLesson.class,
            output -> null,
            (spark, output) -> {
              throw new IllegalStateException("broken on purpose");
            });

    assertThat(exit).isEqualTo(1);
  }

  @Test
  void aRootThatHoldsFilesIsRefusedBeforeAnyLessonRuns() throws Exception {
    Files.writeString(dir.resolve("earlier-run"), "x");

    int exit = INDEX.run(new String[] {"--all", dir.toString()});

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            "test.jar --all: output directory file:"
                + dir
                + " is not empty: give a new or an empty one");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void withoutARootItPrintsItsUsage() throws Exception {
    int exit = INDEX.run(new String[] {"--all"});

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).lines())
        .containsExactly("usage: spark-submit test.jar --all <output-root>");
  }
}
