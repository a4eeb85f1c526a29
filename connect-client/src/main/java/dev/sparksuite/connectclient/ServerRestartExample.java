package dev.sparksuite.connectclient;

import dev.sparksuite.lessonkit.Errors;
import java.time.Duration;
import java.util.Locale;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark Connect server restarted under a connected client. A session lives in the server's
 * driver, so a restart ends it: the new server is a new application without the old session's views
 * and settings. What the client sees:
 *
 * <ol>
 *   <li>the first call to fail depends on what it was doing when the server died: it fails at once,
 *       its channel closed under it; or the client's retry policy (up to 15 retries, each wait 4×
 *       the last from 50 ms, at most a minute) holds it until the new server answers, and it fails
 *       then, the new server knowing no such session ({@code INVALID_HANDLE.SESSION_NOT_FOUND},
 *       when the client resumes an execution it had started) or refusing the old one;
 *   <li>that refusal, {@code INVALID_HANDLE.SESSION_CHANGED}, answers the old session's next call:
 *       the client sends the server-side session id it saw first, and the new server's session has
 *       another; it keeps the first, so every later call is refused too;
 *   <li>a new session works at once, on the new application.
 * </ol>
 *
 * The lesson reports the first failure and the old session's next call.
 *
 * <p>So a client that should survive restarts catches that error and opens a new session, then
 * re-creates what it had (views, settings).
 *
 * <p>The lesson waits for a restart someone else makes: on the compose cluster {@code docker
 * compose restart spark-connect}, or a server process that dies and its restart policy brings back.
 *
 * <p>Usage: {@code SPARK_CONNECT_AUTHENTICATE_TOKEN=… java -jar connect-client.jar
 * ServerRestartExample --remote sc://localhost:15002}
 */
public final class ServerRestartExample {

  static final Duration WAIT_FOR_RESTART = Duration.ofMinutes(5);
  private static final Duration POLL = Duration.ofMillis(500);

  private ServerRestartExample() {}

  /**
   * How one call on the old session ended.
   *
   * @param condition its error condition (the root cause's class where it has none), or "works"
   * @param message the first line of its error
   * @param heldMillis from the call to its end
   */
  public record Call(String condition, String message, long heldMillis) {}

  /**
   * @param firstFailure the first call on the old session that failed
   * @param oldSessionAgain the old session's next call
   * @param newSessionMillis from the end of that call to a new session's first answer
   * @param viewInNewSession the temporary view looked up in the new session
   */
  public record Result(
      String applicationBefore,
      String applicationAfter,
      Call firstFailure,
      Call oldSessionAgain,
      long newSessionMillis,
      String viewInNewSession) {}

  public static void main(String[] args) {
    ConnectLesson.exit(
        ConnectLesson.exitCode(
            ServerRestartExample.class,
            () -> {
              Remote remote =
                  Remote.of(
                      ConnectLesson.remoteArgument(args, ServerRestartExample.class),
                      System.getenv());
              System.out.println(
                  "setup: a session with a temporary view, then a query every 0.5 s while the"
                      + " server restarts");
              print(
                  run(
                      remote,
                      () ->
                          System.out.printf(
                              "restart the server now (docker compose restart spark-connect);"
                                  + " waiting up to %d s%n",
                              WAIT_FOR_RESTART.toSeconds()),
                      WAIT_FOR_RESTART));
            }));
  }

  /**
   * Opens a session, makes a view, calls {@code restart}, then queries until a call fails, and gets
   * back to work on a new session.
   *
   * @param restart what restarts the server (or asks someone to); it returns at once
   */
  public static Result run(Remote remote, Runnable restart, Duration wait) {
    try (var old = remote.open()) {
      old.range(3).createOrReplaceTempView(TwoSessionsExample.VIEW);
      String before = old.conf().get("spark.app.id");
      restart.run();
      long deadline = System.nanoTime() + wait.toNanos();
      while (System.nanoTime() < deadline) {
        Call first = call(old);
        if (!first.condition().equals(WORKS)) {
          Call again = call(old);
          long againEnded = System.nanoTime();
          try (var fresh = remote.open()) {
            String after = fresh.conf().get("spark.app.id");
            long answered = System.nanoTime();
            return new Result(
                before, after, first, again, (answered - againEnded) / 1_000_000, lookUp(fresh));
          }
        }
        sleep(POLL);
      }
      throw new IllegalStateException(
          "the server did not restart within " + wait.toSeconds() + " s");
    }
  }

  private static final String WORKS = "works";

  private static Call call(SparkSession session) {
    long start = System.nanoTime();
    try {
      session.sql("SELECT 1").collectAsList();
      return new Call(WORKS, "", (System.nanoTime() - start) / 1_000_000);
    } catch (Exception e) {
      return new Call(condition(e), firstLine(e), (System.nanoTime() - start) / 1_000_000);
    }
  }

  private static String lookUp(SparkSession spark) {
    try {
      spark.table(TwoSessionsExample.VIEW).count();
      return "found";
    } catch (Exception e) {
      return condition(e);
    }
  }

  /** The innermost error condition ({@code SparkException} wraps the server's error). */
  static String condition(Throwable e) {
    Throwable reporter = innermostWithCondition(e);
    return reporter instanceof SparkThrowable s
        ? s.getCondition()
        : Errors.rootCause(e).getClass().getSimpleName();
  }

  /**
   * The first line of the innermost error with a condition, from its "[CONDITION]" on: the client
   * wraps the server's error in a {@code SparkException} whose message starts with the wrapped
   * class's name.
   */
  private static String firstLine(Throwable e) {
    String message = innermostWithCondition(e).getMessage();
    if (message == null) {
      return "";
    }
    int condition = message.indexOf("[" + condition(e) + "]");
    return message.substring(Math.max(0, condition)).lines().findFirst().orElse("");
  }

  private static Throwable innermostWithCondition(Throwable e) {
    Throwable found = Errors.rootCause(e);
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SparkThrowable s && s.getCondition() != null) {
        found = t;
      }
    }
    return found;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the restart", e);
    }
  }

  static void print(Result r) {
    System.out.printf(
        Locale.ROOT,
        "before: application %s%nthe first call to fail: held %,d ms, then %s: %s%nthe old"
            + " session's next call: held %,d ms, then %s: %s%na new session answered %,d ms"
            + " later, on application %s; the view there: %s%nwhat this shows: a restart ends"
            + " every session; catch %s, open a new session, re-create what it held%n",
        r.applicationBefore(),
        r.firstFailure().heldMillis(),
        r.firstFailure().condition(),
        r.firstFailure().message(),
        r.oldSessionAgain().heldMillis(),
        r.oldSessionAgain().condition(),
        r.oldSessionAgain().message(),
        r.newSessionMillis(),
        r.applicationAfter(),
        r.viewInNewSession(),
        r.oldSessionAgain().condition());
  }
}
