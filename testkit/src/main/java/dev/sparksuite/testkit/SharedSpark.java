package dev.sparksuite.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of a test JVM.
 *
 * <p>Starting Spark costs seconds; every test class of a module shares this session, created on
 * first use and stopped when the JVM exits. It is small on purpose: two local cores, four shuffle
 * partitions (the default 200 would make every tiny aggregation schedule 200 tasks), no UI, and a
 * driver bound to loopback so tests never depend on the machine's network names.
 *
 * <p>Any {@code spark.*} system property is picked up by Spark's own configuration, so a module
 * adds what it needs (Hive support, SQL extensions) in its Surefire configuration.
 */
public final class SharedSpark {

  private static SparkSession session;
  private static Path scratch;

  private SharedSpark() {}

  /** Returns the session of this JVM, starting it on the first call. */
  public static synchronized SparkSession session() {
    if (session == null) {
      scratch = createScratchDirectory();
      session =
          SparkSession.builder()
              .appName("spark-suite-tests")
              .master("local[2]")
              .config("spark.sql.shuffle.partitions", "4")
              .config("spark.default.parallelism", "4")
              .config("spark.ui.enabled", "false")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.sql.session.timeZone", "UTC")
              .config("spark.sql.warehouse.dir", scratch.resolve("warehouse").toString())
              .config("spark.local.dir", scratch.resolve("local").toString())
              // Where Hive support is on, its Derby metastore lives here, not in the working
              // directory.
              .config(
                  "spark.hadoop.javax.jdo.option.ConnectionURL",
                  "jdbc:derby:;databaseName=" + scratch.resolve("metastore_db") + ";create=true")
              .getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(SharedSpark::stop, "stop-shared-spark"));
    }
    return session;
  }

  private static synchronized void stop() {
    if (session != null) {
      session.stop();
      session = null;
    }
    deleteRecursively(scratch);
  }

  private static Path createScratchDirectory() {
    try {
      Path dir = Files.createTempDirectory("spark-suite-tests-");
      // Derby (the Hive metastore's embedded database) writes its log where derby.system.home
      // points.
      System.setProperty("derby.system.home", dir.resolve("derby").toString());
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a scratch directory for Spark", e);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Best effort at JVM exit: a leftover temp directory is not worth failing a build for.
    }
  }
}
