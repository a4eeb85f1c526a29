package dev.sparksuite.docker;

import java.nio.file.Path;
import java.nio.file.Paths;

/** What Maven tells the cluster tests (system properties set by Failsafe), and their log. */
final class TestSettings {

  /** The compose project of the tests: never the name a user's own cluster runs under. */
  static final String PROJECT = "sparksuite-it";

  private TestSettings() {}

  static Path path(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException(
          "system property " + property + " is not set; run through Maven (failsafe)");
    }
    return Paths.get(value).toAbsolutePath().normalize();
  }

  static void log(String format, Object... args) {
    System.out.printf("[cluster] " + format + "%n", args);
  }

  /** Tears the class's cluster down (if it came up) and prints how long the whole class took. */
  static void closeAndLogTime(ComposeCluster cluster, Class<?> testClass, long classStartNanos)
      throws Exception {
    try {
      if (cluster != null) {
        cluster.close();
      }
    } finally {
      log(
          "%s: %.1f s from start to teardown",
          testClass.getSimpleName(), (System.nanoTime() - classStartNanos) / 1e9);
    }
  }
}
