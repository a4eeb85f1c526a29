package dev.sparksuite.connectclient;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.SparkSession;

/**
 * What a Connect client cannot reach: everything that lives only in the server's JVM. The client
 * sends plans, so it has DataFrames and SQL but no RDDs (an RDD is a JVM object graph on the
 * driver), no {@code SparkContext}, and no listeners (they are callbacks run inside the driver).
 * Each refusal comes from the client itself, before any request, as a {@code
 * SparkUnsupportedOperationException} of error condition {@code UNSUPPORTED_CONNECT_FEATURE.*}.
 *
 * <p>Usage: {@code SPARK_CONNECT_AUTHENTICATE_TOKEN=… java -jar connect-client.jar
 * WhatConnectLacksExample --remote sc://localhost:15002}
 */
public final class WhatConnectLacksExample {

  private WhatConnectLacksExample() {}

  /** A call a classic application makes, and the error condition and message Connect answers. */
  public record Refusal(String call, String condition, String message) {}

  public static void main(String[] args) {
    ConnectLesson.exit(
        ConnectLesson.run(args, WhatConnectLacksExample.class, WhatConnectLacksExample::teach));
  }

  static void teach(SparkSession spark) {
    System.out.println(
        "setup: three calls every classic application can make, made on a Connect session");
    run(spark).values().forEach(r -> System.out.printf("%s%n  -> %s%n", r.call(), r.message()));
    System.out.println(
        "what this shows: a Connect client has plans (DataFrames, SQL), not the driver's objects;"
            + " code using RDDs, SparkContext or listeners stays on classic");
  }

  /** The refusals by call, in the order made. */
  public static Map<String, Refusal> run(SparkSession spark) {
    Map<String, Refusal> refusals = new LinkedHashMap<>();
    attempt(refusals, "spark.range(10).javaRDD()", () -> spark.range(10).javaRDD());
    attempt(refusals, "spark.sparkContext()", spark::sparkContext);
    attempt(refusals, "spark.listenerManager()", spark::listenerManager);
    return refusals;
  }

  private static void attempt(Map<String, Refusal> refusals, String call, Runnable work) {
    try {
      work.run();
      refusals.put(call, new Refusal(call, "", "(no error: the call is supported)"));
    } catch (Exception e) {
      String condition = e instanceof SparkThrowable t ? t.getCondition() : e.getClass().getName();
      refusals.put(call, new Refusal(call, condition, e.getMessage()));
    }
  }
}
