package dev.sparksuite.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external command (spark-submit, docker) with a time limit and captures its output. Output
 * goes to temporary files rather than pipes, so a chatty process never blocks on a full pipe while
 * the test waits for it.
 */
public final class Command {

  /** What a finished command printed and how it ended. */
  public record Result(
      List<String> command, int exitCode, String stdout, String stderr, Duration elapsed) {
    public List<String> stderrLines() {
      return stderr.lines().toList();
    }

    /** For assertion messages: the command, its exit code and its output. */
    public String describe() {
      return String.join(" ", command)
          + "\nexit "
          + exitCode
          + "\n--- stdout\n"
          + stdout
          + "\n--- stderr\n"
          + stderr;
    }
  }

  /** A command still running; {@link #await} waits for it, {@link #stdoutSoFar} peeks at it. */
  public static final class Running {
    private final List<String> command;
    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final long start = System.nanoTime();

    private Running(List<String> command, Process process, Path stdout, Path stderr) {
      this.command = command;
      this.process = process;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    public String stdoutSoFar() {
      try {
        return Files.readString(stdout, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + stdout, e);
      }
    }

    public String stderrSoFar() {
      try {
        return Files.readString(stderr, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + stderr, e);
      }
    }

    public boolean isAlive() {
      return process.isAlive();
    }

    public Result await(Duration timeout) throws IOException, InterruptedException {
      try {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly().waitFor();
          throw new IllegalStateException(
              "did not finish within "
                  + timeout
                  + ": "
                  + String.join(" ", command)
                  + "\n--- stdout\n"
                  + stdoutSoFar()
                  + "\n--- stderr\n"
                  + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        return new Result(
            command,
            process.exitValue(),
            Files.readString(stdout, StandardCharsets.UTF_8),
            Files.readString(stderr, StandardCharsets.UTF_8),
            Duration.ofNanos(System.nanoTime() - start));
      } finally {
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
      }
    }
  }

  private Command() {}

  /**
   * Starts a command with these environment variables added to this JVM's; a variable mapped to
   * {@code null} is removed instead.
   */
  public static Running start(List<String> command, Map<String, String> environment)
      throws IOException {
    Path stdout = Files.createTempFile("command-", ".out");
    Path stderr = Files.createTempFile("command-", ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    setEnvironment(builder, environment);
    return new Running(List.copyOf(command), builder.start(), stdout, stderr);
  }

  /** Adds the variables to the builder's environment; one mapped to {@code null} is removed. */
  static void setEnvironment(ProcessBuilder builder, Map<String, String> environment) {
    environment.forEach(
        (name, value) -> {
          if (value == null) {
            builder.environment().remove(name);
          } else {
            builder.environment().put(name, value);
          }
        });
  }

  public static Result run(List<String> command, Map<String, String> environment, Duration timeout)
      throws IOException, InterruptedException {
    return start(command, environment).await(timeout);
  }
}
