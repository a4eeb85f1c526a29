package dev.sparksuite.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the assembled home's {@code bin/hdfs}: commands that finish, and daemons that keep running
 * until {@link #close} stops them. Output goes to files, so a chatty daemon never blocks on a full
 * pipe.
 */
public final class HdfsHome implements AutoCloseable {

  /** What a finished command printed and how it ended. */
  public record Result(List<String> command, int exitCode, String stdout, String stderr) {
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

  /** A NameNode or DataNode process and the file its log goes to. */
  public record Daemon(String name, Process process, Path log) {
    public String logTail() {
      try {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return name
            + " log (last 40 lines):\n"
            + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + log, e);
      }
    }
  }

  // The processes are JVMs of their own: small heaps, since two cores and little memory are shared.
  private static final String JVM_OPTIONS = "-Xmx256m -XX:+UseSerialGC";

  private final Path hdfs;
  private final Path logs;
  private final List<Daemon> daemons = new ArrayList<>();

  public HdfsHome(Path home, Path logs) {
    this.hdfs = home.resolve("bin/hdfs");
    this.logs = logs;
  }

  /** Runs {@code bin/hdfs <args>} to its end. */
  public Result run(List<String> args, Duration timeout) throws IOException, InterruptedException {
    List<String> command = command(args);
    Path stdout = Files.createTempFile(logs, "command-", ".out");
    Path stderr = Files.createTempFile(logs, "command-", ".err");
    Process process =
        builder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException(
          "did not finish within "
              + timeout
              + ": "
              + String.join(" ", command)
              + "\n--- stderr\n"
              + Files.readString(stderr, StandardCharsets.UTF_8));
    }
    return new Result(
        command,
        process.exitValue(),
        Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
  }

  /** Starts {@code bin/hdfs <args>} as a daemon; {@link #close} stops it. */
  public Daemon start(String name, List<String> args) throws IOException {
    Path log = logs.resolve(name + ".log");
    Process process =
        builder(command(args)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Daemon daemon = new Daemon(name, process, log);
    daemons.add(daemon);
    return daemon;
  }

  public List<Daemon> daemons() {
    return List.copyOf(daemons);
  }

  /**
   * Stops every daemon as an operator would, with SIGTERM (Hadoop logs it and shuts down), and
   * kills what is still alive after 30 seconds.
   */
  @Override
  public void close() throws InterruptedException {
    for (Daemon daemon : daemons) {
      daemon.process().destroy();
    }
    for (Daemon daemon : daemons) {
      if (!daemon.process().waitFor(30, TimeUnit.SECONDS)) {
        daemon.process().destroyForcibly().waitFor();
      }
    }
  }

  /** A port nothing listens on now (the OS picks it), for a server that must be found by number. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private List<String> command(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(hdfs.toString());
    command.addAll(args);
    return command;
  }

  private ProcessBuilder builder(List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectInput(new File("/dev/null"));
    // The home's own conf/ and location, whatever the environment running the build says.
    builder.environment().remove("HADOOP_HOME");
    builder.environment().remove("HADOOP_CONF_DIR");
    builder.environment().remove("HADOOP_ROOT_LOGGER");
    builder.environment().put("HADOOP_OPTS", JVM_OPTIONS);
    return builder;
  }
}
