package dev.sparksuite.connectclient;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The jar's index and entry point: {@code java -jar connect-client.jar} lists the lessons; {@code
 * --remote sc://localhost:15002} runs the lessons that need only a server, each on a session of its
 * own; {@code <Lesson> [its arguments]} runs one.
 */
public final class ConnectClientDriver {

  /** A lesson, its line in the index, and whether {@code --remote} alone runs it. */
  record Entry(int number, Class<?> lesson, String summary, ConnectLesson.Body body) {
    boolean runsWithRemoteAlone() {
      return body != null;
    }
  }

  static final List<Entry> LESSONS =
      List.of(
          new Entry(
              1,
              RemoteQueryExample.class,
              "a DataFrame query and a SQL query from a plain JVM, and the application they ran in",
              RemoteQueryExample::teach),
          new Entry(
              2,
              TwoSessionsExample.class,
              "two clients are two sessions of one application: views and settings apart,"
                  + " executors shared",
              TwoSessionsExample::teach),
          new Entry(
              3,
              WhatConnectLacksExample.class,
              "RDDs, SparkContext and listeners: the error a Connect client gets",
              WhatConnectLacksExample::teach),
          new Entry(
              4,
              ServerRestartExample.class,
              "the server restarted under a client: the held call, SESSION_CHANGED, a new session"
                  + " (waits for a restart)",
              null),
          new Entry(
              5,
              LocalModeExample.class,
              "the same queries on a server the lesson starts on this machine (--spark-home)",
              null));

  private ConnectClientDriver() {}

  public static void main(String[] args) throws ReflectiveOperationException {
    ConnectLesson.exit(run(args));
  }

  static int run(String[] args) throws ReflectiveOperationException {
    if (args.length == 0) {
      printIndex();
      return 0;
    }
    if (args[0].equals("--remote")) {
      try {
        Remote.of(ConnectLesson.remoteArgument(args, ConnectClientDriver.class), System.getenv());
      } catch (Remote.UsageException e) {
        System.err.println("connect-client: " + e.getMessage());
        return 2;
      }
      int worst = 0;
      for (Entry e : LESSONS) {
        if (e.runsWithRemoteAlone()) {
          System.out.printf("%n== %d %s%n", e.number(), e.lesson().getSimpleName());
          worst = Math.max(worst, ConnectLesson.run(args, e.lesson(), e.body()));
        }
      }
      return worst;
    }
    for (Entry e : LESSONS) {
      if (e.lesson().getSimpleName().equals(args[0])) {
        try {
          e.lesson()
              .getMethod("main", String[].class)
              .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException failure) {
          throw new IllegalStateException(failure.getCause());
        }
        return 0;
      }
    }
    System.err.println("connect-client: no lesson " + args[0] + "; the lessons:");
    printIndex();
    return 2;
  }

  static void printIndex() {
    String remoteAlone =
        LESSONS.stream()
            .filter(Entry::runsWithRemoteAlone)
            .map(e -> String.valueOf(e.number()))
            .collect(Collectors.joining(", "));
    System.out.println(
        "usage: java -jar connect-client.jar --remote sc://localhost:15002   (lessons "
            + remoteAlone
            + ")\n"
            + "       java -jar connect-client.jar <Lesson> [--remote sc://host:port]\n"
            + "the server's token comes from SPARK_CONNECT_AUTHENTICATE_TOKEN, its URL from"
            + " --remote or SPARK_REMOTE\n");
    for (Entry e : LESSONS) {
      System.out.printf("%2d  %-24s %s%n", e.number(), e.lesson().getSimpleName(), e.summary());
    }
  }
}
