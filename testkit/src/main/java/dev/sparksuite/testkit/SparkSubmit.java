package dev.sparksuite.testkit;

import dev.sparksuite.testkit.Command.Result;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Runs the real {@code bin/spark-submit} of the assembled Spark home, the way a user does, and
 * captures what it printed. Integration tests use it to prove that a module's shaded jar works with
 * {@code spark-submit --class}.
 *
 * <p>The Spark home and the jar come from the system properties {@code sparksuite.sparkHome} and
 * {@code sparksuite.jar}, which each module's Failsafe configuration sets.
 */
public final class SparkSubmit {

  /** The JIT option that keeps a JVM on the quick C1 compiler (see test.jit.options). */
  private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

  /** Few shuffle partitions, as in the unit tests. */
  private static final String[] LESSON_SETTINGS = {"spark.sql.shuffle.partitions=4"};

  private SparkSubmit() {}

  public static Path sparkHome() {
    return existing("sparksuite.sparkHome");
  }

  public static Path jar() {
    return existing("sparksuite.jar");
  }

  /**
   * The lesson classes in the module's jar: every top-level {@code …Example} class of this project
   * (a shaded library may bring classes of that name too), sorted.
   */
  public static List<String> lessonClasses() throws IOException {
    try (JarFile jar = new JarFile(jar().toFile())) {
      return jar.stream()
          .map(JarEntry::getName)
          .filter(
              name ->
                  name.startsWith("dev/sparksuite/")
                      && name.endsWith("Example.class")
                      && !name.contains("$"))
          .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
          .sorted()
          .toList();
    }
  }

  /**
   * The classes a jar's index names (its {@code Main-Class} run with no class): every line {@code "
   * <Class> …"} under its {@code lessons:} and {@code tools:} headings, as class names in the
   * package given.
   */
  public static List<String> indexedClasses(String index, String pkg) {
    List<String> classes = new ArrayList<>();
    boolean inList = false;
    for (String line : index.lines().toList()) {
      if (line.equals("lessons:") || line.equals("tools:")) {
        inList = true;
      } else if (inList && line.startsWith("  ")) {
        classes.add(pkg + "." + line.strip().split(" ")[0]);
      }
    }
    return classes;
  }

  /**
   * The classes of a jar that Spark's distribution ships too ({@code jars/*.jar} of the Spark
   * home), sorted: a shaded jar should carry none, since Spark loads its own copy first and a
   * second copy of another version only conflicts.
   */
  public static List<String> classesSparkShips(Path jar) throws IOException {
    Set<String> shipped = new HashSet<>();
    try (DirectoryStream<Path> jars =
        Files.newDirectoryStream(sparkHome().resolve("jars"), "*.jar")) {
      for (Path sparkJar : jars) {
        shipped.addAll(classEntries(sparkJar));
      }
    }
    return classEntries(jar).stream().filter(shipped::contains).sorted().toList();
  }

  private static List<String> classEntries(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      // Multi-release copies and module descriptors are not classes a class loader picks by name.
      return file.stream()
          .map(JarEntry::getName)
          .filter(
              name ->
                  name.endsWith(".class")
                      && !name.startsWith("META-INF/")
                      && !name.equals("module-info.class"))
          .toList();
    }
  }

  /** {@code spark-submit <submitOptions> <jar> <appArgs>}, killed after the timeout. */
  public static Result run(List<String> submitOptions, List<String> appArgs, Duration timeout)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(sparkHome().resolve("bin/spark-submit").toString());
    command.addAll(submitOptions);
    command.add(jar().toString());
    command.addAll(appArgs);
    return Command.run(command, environment(), timeout);
  }

  /**
   * {@code spark-submit} of a class in a jar on {@code local[2]}, with the UI off, the driver on
   * loopback and a heartbeat a loaded machine can keep, plus any {@code key=value} Spark settings
   * given.
   */
  public static Result runLocal(
      Path jar, String mainClass, List<String> appArgs, Duration timeout, String... conf)
      throws IOException, InterruptedException {
    List<String> command = localCommand(conf);
    command.addAll(List.of("--class", mainClass, jar.toString()));
    command.addAll(appArgs);
    return Command.run(command, environment(), timeout);
  }

  /**
   * This module's jar on {@code local[2]} with no class, so its {@code Main-Class} runs (the jar's
   * index), with the lessons' settings.
   */
  public static Result runJarLocal(List<String> appArgs, Duration timeout)
      throws IOException, InterruptedException {
    return runJarLocal(appArgs, timeout, LESSON_SETTINGS);
  }

  /**
   * This module's jar on {@code local[2]} with no class, with exactly the {@code key=value} Spark
   * settings given: none, for lessons whose point is Spark's defaults.
   */
  public static Result runJarLocal(List<String> appArgs, Duration timeout, String... conf)
      throws IOException, InterruptedException {
    List<String> command = localCommand(conf);
    command.add(jar().toString());
    command.addAll(appArgs);
    return Command.run(command, environment(), timeout);
  }

  /**
   * {@code spark-submit} on {@code local[2]}, with the UI off, the driver on loopback and a
   * heartbeat a loaded machine can keep, plus any {@code key=value} Spark settings given.
   */
  private static List<String> localCommand(String... conf) {
    List<String> command =
        new ArrayList<>(
            List.of(
                sparkHome().resolve("bin/spark-submit").toString(),
                "--master",
                "local[2]",
                "--conf",
                "spark.ui.enabled=false",
                "--conf",
                "spark.driver.host=127.0.0.1",
                // An executor waits for the driver's answer to its heartbeat for one interval (10 s
                // by default), then logs a warning with a stack trace; on two cores shared with the
                // test's HDFS a busy driver can miss that. Still below spark.network.timeout (120
                // s).
                "--conf",
                "spark.executor.heartbeatInterval=30s"));
    // The test JVM's JIT setting (the parent pom's test.jit.options) goes to the run it starts.
    if (ManagementFactory.getRuntimeMXBean().getInputArguments().contains(C1_ONLY)) {
      command.addAll(List.of("--driver-java-options", C1_ONLY));
    }
    for (String setting : conf) {
      command.addAll(List.of("--conf", setting));
    }
    return command;
  }

  /**
   * A lesson of this module's jar on {@code local[2]}, with few shuffle partitions as in the unit
   * tests.
   */
  public static Result runLesson(String mainClass, List<String> appArgs, Duration timeout)
      throws IOException, InterruptedException {
    return runLocal(jar(), mainClass, appArgs, timeout, LESSON_SETTINGS);
  }

  /** The submitted driver is a second JVM on a 2-core machine: keep it small. */
  private static Map<String, String> environment() {
    return Map.of("SPARK_HOME", sparkHome().toString(), "SPARK_DRIVER_MEMORY", "1g");
  }

  private static Path existing(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException(
          "system property " + property + " is not set; run through Maven (failsafe)");
    }
    Path path = Paths.get(value).toAbsolutePath().normalize();
    if (!Files.exists(path)) {
      throw new IllegalStateException(
          property + " = " + path + " does not exist; build it with ./mvnw -B package");
    }
    return path;
  }
}
