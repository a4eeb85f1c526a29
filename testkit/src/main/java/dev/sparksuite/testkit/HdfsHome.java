package dev.sparksuite.testkit;

import dev.sparksuite.testkit.Command.Result;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the assembled home's {@code bin/hdfs}: commands that finish, and daemons that keep running
 * until {@link #close} stops them. Output goes to files, so a chatty daemon never blocks on a full
 * pipe.
 */
public final class HdfsHome implements AutoCloseable {

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

  /**
   * The home's own conf/ and location, whatever the environment running the build says (null
   * removes a variable); the processes are JVMs of their own, with small heaps, since two cores and
   * little memory are shared.
   */
  private static final Map<String, String> ENVIRONMENT = new HashMap<>();

  static {
    ENVIRONMENT.put("HADOOP_HOME", null);
    ENVIRONMENT.put("HADOOP_CONF_DIR", null);
    ENVIRONMENT.put("HADOOP_ROOT_LOGGER", null);
    ENVIRONMENT.put("HADOOP_OPTS", "-Xmx256m -XX:+UseSerialGC");
  }

  private final Path hdfs;
  private final Path logs;
  private final List<Daemon> daemons = new ArrayList<>();

  public HdfsHome(Path home, Path logs) {
    this.hdfs = home.resolve("bin/hdfs");
    this.logs = logs;
  }

  /** Runs {@code bin/hdfs <args>} to its end. */
  public Result run(List<String> args, Duration timeout) throws IOException, InterruptedException {
    return Command.run(command(args), ENVIRONMENT, timeout);
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
    Command.setEnvironment(builder, ENVIRONMENT);
    return builder;
  }
}
