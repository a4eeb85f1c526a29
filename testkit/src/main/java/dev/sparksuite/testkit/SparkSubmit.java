package dev.sparksuite.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code bin/spark-submit} of the assembled Spark home, the way a user does, and
 * captures what it printed. Integration tests use it to prove that a module's shaded jar works
 * with {@code spark-submit --class}.
 *
 * <p>The Spark home and the jar come from the system properties {@code sparksuite.sparkHome} and
 * {@code sparksuite.jar}, which each module's Failsafe configuration sets.
 */
public final class SparkSubmit {

  /** What one submission printed and how it ended. */
  public record Result(int exitCode, String stdout, String stderr, Duration elapsed) {
    public List<String> stderrLines() {
      return stderr.lines().toList();
    }
  }

  private SparkSubmit() {}

  public static Path sparkHome() {
    return existing("sparksuite.sparkHome");
  }

  public static Path jar() {
    return existing("sparksuite.jar");
  }

  /** {@code spark-submit <submitOptions> <jar> <appArgs>}, killed after the timeout. */
  public static Result run(List<String> submitOptions, List<String> appArgs, Duration timeout)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(sparkHome().resolve("bin/spark-submit").toString());
    command.addAll(submitOptions);
    command.add(jar().toString());
    command.addAll(appArgs);
    Path stdout = Files.createTempFile("spark-submit-", ".out");
    Path stderr = Files.createTempFile("spark-submit-", ".err");
    try {
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectOutput(stdout.toFile())
          .redirectError(stderr.toFile());
      builder.environment().put("SPARK_HOME", sparkHome().toString());
      // The submitted driver is a second JVM on a 2-core machine: keep it small.
      builder.environment().put("SPARK_DRIVER_MEMORY", "1g");
      long start = System.nanoTime();
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
        throw new IllegalStateException("spark-submit did not finish within " + timeout + ": " + command
            + "\n" + Files.readString(stderr, StandardCharsets.UTF_8));
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8), elapsed);
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
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
