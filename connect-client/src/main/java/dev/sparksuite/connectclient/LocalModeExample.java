package dev.sparksuite.connectclient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Connect's local mode: the same client code as {@link RemoteQueryExample}, run against a server
 * the lesson starts on this machine ({@link LocalConnectServer}: {@code local[*]}, bound to
 * 127.0.0.1, a fresh token) and stops at the end. It is how Spark's own clients run "locally" under
 * Connect ({@code --remote local}): there is still a server, in a JVM of its own; the application
 * talks to it over gRPC like to a cluster's. Moving from here to a cluster changes the URL and the
 * token only.
 *
 * <p>Usage: {@code java -jar connect-client.jar LocalModeExample --spark-home <dir>} (or {@code
 * SPARK_HOME} set): any Spark 4.1 home; this project's {@code spark-home/target/spark-home} is one.
 */
public final class LocalModeExample {

  static final Duration SERVER_START = Duration.ofMinutes(2);

  private LocalModeExample() {}

  /** How long the local server took to answer, and the remote lesson's result on it. */
  public record Result(Duration serverStartup, RemoteQueryExample.Result query) {}

  public static void main(String[] args) {
    ConnectLesson.exit(
        ConnectLesson.exitCode(
            LocalModeExample.class,
            () -> {
              Path home = sparkHome(args, System.getenv());
              System.out.println(
                  "setup: a Spark Connect server started from "
                      + home
                      + " on local[*], then the remote lesson's queries sent to it");
              Result r = run(home);
              System.out.printf(
                  Locale.ROOT,
                  "the local server answered after %,d ms%n",
                  r.serverStartup().toMillis());
              RemoteQueryExample.print(r.query());
            }));
  }

  public static Result run(Path sparkHome) throws Exception {
    try (LocalConnectServer server = LocalConnectServer.start(sparkHome, SERVER_START)) {
      return run(server);
    }
  }

  /** The remote lesson's queries on a session of the local server. */
  public static Result run(LocalConnectServer server) {
    try (var spark = server.remote().open()) {
      return new Result(server.startup(), RemoteQueryExample.run(spark));
    }
  }

  /** {@code --spark-home <dir>}, or {@code SPARK_HOME}: a directory that exists. */
  static Path sparkHome(String[] args, Map<String, String> environment) {
    Optional<String> given;
    if (args.length == 2 && args[0].equals("--spark-home")) {
      given = Optional.of(args[1]);
    } else if (args.length == 0) {
      given = Optional.ofNullable(environment.get("SPARK_HOME"));
    } else {
      given = Optional.empty();
    }
    Path home =
        given
            .filter(h -> !h.isBlank())
            .map(Path::of)
            .orElseThrow(
                () ->
                    new Remote.UsageException(
                        "usage: java -jar connect-client.jar LocalModeExample --spark-home <dir>"
                            + " (or SPARK_HOME set)"));
    if (!Files.isDirectory(home)) {
      throw new Remote.UsageException("Spark home " + home + " is not a directory");
    }
    return home;
  }
}
