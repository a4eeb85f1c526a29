package dev.sparksuite.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM of its own for a test to kill with SIGKILL, as a crash would: this JVM's java and classpath
 * running a main class, its output in a log. The child creates a file once it has reached the point
 * to be killed at; {@link #awaitFile} waits for it.
 */
public final class ChildJvm {

  private ChildJvm() {}

  /** Starts {@code main} with the JVM options and arguments, stdout and stderr into the log. */
  public static Process start(Class<?> main, List<String> jvmOptions, Path log, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /**
   * Waits until the child has created the file, failing with the end of its log if it does not
   * within the timeout or ends first.
   */
  public static void awaitFile(Process child, Path file, Path log, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!Files.exists(file) && child.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(file).as("the child reached its point; its log ends: %s", lastLines(log)).exists();
  }

  private static String lastLines(Path log) throws IOException {
    List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }
}
