package dev.sparksuite.connectclient;

import dev.sparksuite.lessonkit.Errors;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Two clients of one server are two sessions of one application. The server keeps a session per
 * user and client session id (each {@code SparkSession} the client builds has its own): a temporary
 * view and a SQL setting made in one are not seen by the other, while both run on the same
 * application — the same {@code spark.app.id}, and tasks on the same executors, since executors
 * belong to the application, not to a session.
 *
 * <p>The executors are found where the tasks run: {@code reflect('java.net.InetAddress',
 * 'getLocalHost')} is nondeterministic in Catalyst, so it is not folded on the driver but evaluated
 * per row, on the executor that runs the task.
 *
 * <p>Usage: {@code SPARK_CONNECT_AUTHENTICATE_TOKEN=… java -jar connect-client.jar
 * TwoSessionsExample --remote sc://localhost:15002}
 */
public final class TwoSessionsExample {

  /** Enough tasks for every executor of a small cluster to take some. */
  static final int TASKS = 24;

  static final String VIEW = "orders_today";

  private TwoSessionsExample() {}

  /**
   * What one session sees.
   *
   * @param viewLookup "found" where the view was made, else the error the lookup failed with
   * @param shufflePartitions {@code spark.sql.shuffle.partitions} as this session reads it
   * @param taskHosts the hosts the session's tasks ran on
   */
  public record Seen(
      String sessionId,
      String applicationId,
      String viewLookup,
      String shufflePartitions,
      Set<String> taskHosts) {}

  public record Result(Seen first, Seen second) {}

  public static void main(String[] args) {
    ConnectLesson.exit(
        ConnectLesson.run(args, TwoSessionsExample.class, TwoSessionsExample::teach));
  }

  /** The second session: {@code newSession()}, which on Connect builds a second client. */
  static void teach(SparkSession first) throws IOException {
    System.out.printf(
        "setup: a second client session beside this one; the first makes the temporary view %s"
            + " and sets spark.sql.shuffle.partitions to 7%n",
        VIEW);
    try (SparkSession second = first.newSession()) {
      print(run(first, second));
    }
  }

  /** Makes a view and a setting in {@code first}, then asks both sessions what they see. */
  public static Result run(SparkSession first, SparkSession second) {
    first.range(5).createOrReplaceTempView(VIEW);
    first.conf().set("spark.sql.shuffle.partitions", "7");
    return new Result(seen(first), seen(second));
  }

  private static Seen seen(SparkSession spark) {
    return new Seen(
        sessionId(spark),
        spark.conf().get("spark.app.id"),
        viewLookup(spark),
        spark.conf().get("spark.sql.shuffle.partitions"),
        taskHosts(spark));
  }

  /** The client's session id: a connect session has one, a classic one does not. */
  private static String sessionId(SparkSession spark) {
    return spark instanceof org.apache.spark.sql.connect.SparkSession connect
        ? connect.sessionId()
        : "(classic)";
  }

  private static String viewLookup(SparkSession spark) {
    try {
      return spark.table(VIEW).count() == 5 ? "found" : "found, with other rows";
    } catch (Exception e) {
      return Errors.oneLine(e);
    }
  }

  /** Host names before the "/" of {@code InetAddress.toString()} ("spark-worker-1/172.18.0.5"). */
  static Set<String> taskHosts(SparkSession spark) {
    Set<String> hosts = new TreeSet<>();
    for (Row row :
        spark
            .sql(
                "SELECT DISTINCT reflect('java.net.InetAddress', 'getLocalHost') AS host"
                    + " FROM range(0, "
                    + TASKS
                    + ", 1, "
                    + TASKS
                    + ")")
            .collectAsList()) {
      hosts.add(row.getString(0).split("/", 2)[0]);
    }
    return hosts;
  }

  static void print(Result r) {
    for (Seen s : new Seen[] {r.first(), r.second()}) {
      System.out.printf(
          Locale.ROOT,
          "session %s: application %s, view %s, shuffle partitions %s, tasks on %s%n",
          s.sessionId(),
          s.applicationId(),
          s.viewLookup(),
          s.shufflePartitions(),
          s.taskHosts());
    }
    System.out.println(
        "what this shows: one application, its executors shared; views and settings per session");
  }
}
