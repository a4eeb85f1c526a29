package dev.sparksuite.connectclient;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * A DataFrame query and a SQL query sent from a plain Java application to a Spark Connect server:
 * the application has no Spark of its own, only the Connect client, which sends each query's plan
 * over gRPC; the server plans it, runs it on its executors and streams the rows back as Arrow
 * batches. The session's {@code conf} is read on the server too, so it names the application the
 * queries ran in: the server's, with its master.
 *
 * <p>Usage: {@code SPARK_CONNECT_AUTHENTICATE_TOKEN=… java -cp connect-client.jar
 * dev.sparksuite.connectclient.RemoteQueryExample --remote sc://localhost:15002}
 */
public final class RemoteQueryExample {

  static final long IDS = 1_000_000;

  private RemoteQueryExample() {}

  /** The application the queries ran in, as the server reports it. */
  public record Application(String sparkVersion, String id, String name, String master) {}

  /**
   * @param idsPerLastDigit the DataFrame query's rows: for each last digit 0 to 9, how many of the
   *     ids 0 to 999,999 end in it
   * @param sqlSum the SQL query's {@code sum(id)} over the ids 1 to 1,000,000
   */
  public record Result(Application application, List<Long> idsPerLastDigit, long sqlSum) {}

  public static void main(String[] args) {
    ConnectLesson.exit(
        ConnectLesson.run(args, RemoteQueryExample.class, RemoteQueryExample::teach));
  }

  static void teach(SparkSession spark) {
    System.out.printf(
        Locale.ROOT,
        "setup: the ids 0 to %,d counted by last digit (a DataFrame), and summed (SQL)%n",
        IDS - 1);
    print(run(spark));
  }

  public static Result run(SparkSession spark) {
    List<Long> perDigit =
        spark
            .range(IDS)
            .groupBy(col("id").mod(10).as("digit"))
            .count()
            .orderBy("digit")
            .collectAsList()
            .stream()
            .map(row -> row.getLong(1))
            .toList();
    long sum = spark.sql("SELECT sum(id) FROM range(1, " + (IDS + 1) + ")").first().getLong(0);
    return new Result(application(spark), perDigit, sum);
  }

  /** The server's application, read through the session's configuration. */
  public static Application application(SparkSession spark) {
    return new Application(
        spark.version(),
        spark.conf().get("spark.app.id"),
        spark.conf().get("spark.app.name"),
        spark.conf().get("spark.master"));
  }

  static void print(Result r) {
    System.out.printf(
        Locale.ROOT,
        "DataFrame query: ids per last digit 0..9 = %s%nSQL query: sum(id) over 1..%,d = %,d%n"
            + "ran in: application %s (%s) on %s, Spark %s%n"
            + "what this shows: the host sent plans, the server's application ran them%n",
        r.idsPerLastDigit(),
        IDS,
        r.sqlSum(),
        r.application().id(),
        r.application().name(),
        r.application().master(),
        r.application().sparkVersion());
  }
}
