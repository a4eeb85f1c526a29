package dev.sparksuite.connectclient;

import dev.sparksuite.lessonkit.Errors;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * What the client lessons' {@code main}s share: the server from {@code --remote} (or {@code
 * SPARK_REMOTE}) and the token from {@code SPARK_CONNECT_AUTHENTICATE_TOKEN}, checked before any
 * connection; one session, closed at the end; and an exit code — 0, 1 when the run failed (one line
 * naming the root cause), 2 for bad usage (one line).
 */
final class ConnectLesson {

  /** A lesson's sections, run on a session of the server. */
  interface Body {
    void run(SparkSession spark) throws Exception;
  }

  private ConnectLesson() {}

  /** What a lesson's {@code main} does, arguments included. */
  interface Work {
    void run() throws Exception;
  }

  static int run(String[] args, Class<?> lesson, Body body) {
    return exitCode(
        lesson,
        () -> {
          Remote remote = Remote.of(remoteArgument(args, lesson), System.getenv());
          try (SparkSession spark = remote.open()) {
            body.run(spark);
          }
        });
  }

  /**
   * Runs a lesson's work: 0 when it ends, 2 with the usage line when its arguments are bad, 1 with
   * one line naming the root cause when it fails.
   */
  static int exitCode(Class<?> lesson, Work work) {
    try {
      work.run();
      return 0;
    } catch (Remote.UsageException e) {
      System.err.println(lesson.getSimpleName() + ": " + e.getMessage());
      return 2;
    } catch (Exception e) {
      System.err.println(lesson.getSimpleName() + " failed: " + Errors.oneLine(e));
      return 1;
    }
  }

  /** {@code --remote sc://host:port}, or nothing (then {@code SPARK_REMOTE} names the server). */
  static Optional<String> remoteArgument(String[] args, Class<?> lesson) {
    if (args.length == 0) {
      return Optional.empty();
    }
    if (args.length == 2 && args[0].equals("--remote")) {
      return Optional.of(args[1]);
    }
    throw new Remote.UsageException(
        "usage: java -jar connect-client.jar "
            + lesson.getSimpleName()
            + " [--remote sc://host:port]");
  }

  /** Ends the JVM with the code, unless it is 0 (the client's threads are daemons). */
  static void exit(int code) {
    if (code != 0) {
      System.exit(code);
    }
  }
}
