package dev.sparksuite.testkit;

import dev.sparksuite.testkit.Command.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Runs the real {@code bin/spark-submit} of the assembled Spark home, the way a user does, and
 * captures what it printed. Integration tests use it to prove that a module's shaded jar works
 * with {@code spark-submit --class}.
 *
 * <p>The Spark home and the jar come from the system properties {@code sparksuite.sparkHome} and
 * {@code sparksuite.jar}, which each module's Failsafe configuration sets.
 */
public final class SparkSubmit {

  private SparkSubmit() {}

  public static Path sparkHome() {
    return existing("sparksuite.sparkHome");
  }

  public static Path jar() {
    return existing("sparksuite.jar");
  }

  /** {@code spark-submit <submitOptions> <jar> <appArgs>}, killed after the timeout. */
  /**
   * The lesson classes in the module's jar: every top-level {@code …Example} class of this project
   * (a shaded library may bring classes of that name too), sorted.
   */
  public static List<String> lessonClasses() throws IOException {
    try (JarFile jar = new JarFile(jar().toFile())) {
      return jar.stream().map(JarEntry::getName)
          .filter(name -> name.startsWith("dev/sparksuite/") && name.endsWith("Example.class") && !name.contains("$"))
          .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
          .sorted()
          .toList();
    }
  }

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
   * {@code spark-submit} of a class in a jar on {@code local[2]}, with the UI off and the driver on
   * loopback, plus any {@code key=value} Spark settings given.
   */
  public static Result runLocal(Path jar, String mainClass, List<String> appArgs, Duration timeout, String... conf)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(sparkHome().resolve("bin/spark-submit").toString(),
        "--master", "local[2]", "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1"));
    for (String setting : conf) {
      command.addAll(List.of("--conf", setting));
    }
    command.addAll(List.of("--class", mainClass, jar.toString()));
    command.addAll(appArgs);
    return Command.run(command, environment(), timeout);
  }

  /** A lesson of this module's jar on {@code local[2]}, with few shuffle partitions as in the unit tests. */
  public static Result runLesson(String mainClass, List<String> appArgs, Duration timeout)
      throws IOException, InterruptedException {
    return runLocal(jar(), mainClass, appArgs, timeout, "spark.sql.shuffle.partitions=4");
  }

  /** The submitted driver is a second JVM on a 2-core machine: keep it small. */
  private static Map<String, String> environment() {
    return Map.of("SPARK_HOME", sparkHome().toString(), "SPARK_DRIVER_MEMORY", "1g");
  }

  private static Path existing(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException("system property " + property + " is not set; run through Maven (failsafe)");
    }
    Path path = Paths.get(value).toAbsolutePath().normalize();
    if (!Files.exists(path)) {
      throw new IllegalStateException(property + " = " + path + " does not exist; build it with ./mvnw -B package");
    }
    return path;
  }
}
