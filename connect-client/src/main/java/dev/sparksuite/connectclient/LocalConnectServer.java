package dev.sparksuite.connectclient;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Spark Connect server on this machine, started from a Spark home. Like the one Spark's own local
 * mode starts ({@code SparkSession.withLocalConnectServer} in the 4.1.1 client runs {@code
 * sbin/start-connect-server.sh}), it is a JVM of its own with a generated token in its environment;
 * unlike it, it is started with {@code spark-submit --class
 * org.apache.spark.sql.connect.service.SparkConnectServer} on {@code local[*]}, on a free port
 * bound to 127.0.0.1. Closing it stops the server.
 */
public final class LocalConnectServer implements AutoCloseable {

  static final String SERVER_CLASS = "org.apache.spark.sql.connect.service.SparkConnectServer";

  private final Process process;
  private final Path log;
  private final Remote remote;
  private final Duration startup;

  private LocalConnectServer(Process process, Path log, Remote remote, Duration startup) {
    this.process = process;
    this.log = log;
    this.remote = remote;
    this.startup = startup;
  }

  /**
   * Starts the server and returns once a client's session answers on it.
   *
   * @throws IllegalStateException if the server ends or does not answer within {@code timeout}; the
   *     message holds the last line of its log
   */
  public static LocalConnectServer start(Path sparkHome, Duration timeout) throws IOException {
    Path submit = sparkHome.resolve("bin/spark-submit");
    if (!Files.isExecutable(submit)) {
      throw new Remote.UsageException(
          sparkHome + " is not a Spark home: it has no executable bin/spark-submit");
    }
    int port = freeLoopbackPort();
    String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(32));
    Path log = Files.createTempFile("spark-connect-server-", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    submit.toString(),
                    "--class",
                    SERVER_CLASS,
                    "--master",
                    "local[*]",
                    "--conf",
                    "spark.connect.grpc.binding.address=127.0.0.1",
                    "--conf",
                    "spark.connect.grpc.binding.port=" + port,
                    "--conf",
                    "spark.ui.enabled=false"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put(Remote.TOKEN_VARIABLE, token);
    long started = System.nanoTime();
    Process process = builder.start();
    Remote remote = new Remote("sc://localhost:" + port, Optional.of(token));
    try {
      awaitAnswer(process, log, remote, timeout);
    } catch (RuntimeException e) {
      stop(process, log);
      throw e;
    }
    return new LocalConnectServer(
        process, log, remote, Duration.ofNanos(System.nanoTime() - started));
  }

  /** Where a client reaches the server, with its token. */
  public Remote remote() {
    return remote;
  }

  /** From starting the server's JVM to a client's first answer. */
  public Duration startup() {
    return startup;
  }

  private static void awaitAnswer(Process process, Path log, Remote remote, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the Spark Connect server ended with exit code "
                + process.exitValue()
                + ": "
                + lastLogLine(log));
      }
      try (var spark = remote.open()) {
        spark.version();
        return;
      } catch (RuntimeException notYet) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the Spark Connect server did not answer within "
                  + timeout.toSeconds()
                  + " s: "
                  + lastLogLine(log));
        }
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the server started", e);
      }
    }
  }

  private static String lastLogLine(Path log) {
    try (var lines = Files.lines(log)) {
      return lines.reduce((a, b) -> b).orElse("(its log is empty)");
    } catch (IOException e) {
      return "(its log cannot be read: " + e.getMessage() + ")";
    }
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Stops the server: Spark's shutdown hook ends the application; killed if it does not end. */
  @Override
  public void close() {
    stop(process, log);
  }

  private static void stop(Process process, Path log) {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        Files.deleteIfExists(log);
      } catch (IOException ignored) {
        // A temporary file; the system's cleaning removes it later.
      }
    }
  }
}
