package dev.sparksuite.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The one cluster the test run holds at a time: every cluster runs as the same compose project on
 * the same host ports, and two clusters at once would not fit two cores anyway. The classes that
 * leave a cluster as they found it share one, brought up by the first of them to run and torn down
 * at the end of the run; a class that breaks its cluster (kills processes, changes its
 * configuration) gets a fresh one, and the shared one is torn down first and brought up again if a
 * sharing class runs after it. So any class order is correct; {@link SharedClusterFirst} only
 * orders the run so that the shared cluster comes up once.
 */
final class TestClusters {

  /**
   * Bound as /opt/spark-data through SPARK_DATA_DIR on the shared cluster, so that what a lesson
   * writes there can be read on the host.
   */
  static final Path SHARED_DATA_DIR =
      TestSettings.path("sparksuite.appsDir").resolveSibling("spark-data");

  private static ComposeCluster shared;

  private TestClusters() {}

  /**
   * The shared cluster: the default compose file with Prometheus (the monitoring profile) and the
   * shared volume bound to {@link #SHARED_DATA_DIR}. Handed over once no application is left
   * running on it, as every class found it.
   */
  static synchronized ComposeCluster shared() throws Exception {
    if (shared == null) {
      emptyDirectory(SHARED_DATA_DIR);
      shared = ComposeCluster.startShared(SHARED_DATA_DIR);
      TestSettings.log(
          "shared cluster (with Prometheus) up in %.1f s", shared.bringUp().toMillis() / 1e3);
    } else {
      // An application that just ended may still hold its executors' cores for seconds.
      shared.awaitMaster(
          master ->
              master.path("activeapps").isEmpty()
                  && master.path("coresused").asInt() == 0
                  && master.path("aliveworkers").asInt() == 3,
          "3 ALIVE workers, no active application and no core in use",
          Duration.ofMinutes(1));
    }
    return shared;
  }

  /** A fresh cluster of its own from the given compose files; the caller closes it. */
  static synchronized ComposeCluster fresh(Map<String, String> environment, String... composeFiles)
      throws Exception {
    closeShared();
    return ComposeCluster.start(environment, composeFiles);
  }

  /** Tears the shared cluster down, if it is up. */
  static synchronized void closeShared() throws IOException, InterruptedException {
    if (shared != null) {
      try {
        shared.close();
      } finally {
        shared = null;
      }
    }
  }

  /**
   * The directory, emptied of an earlier run's lesson output as far as this user may: the files
   * belong to the containers' uid 185, which only root can delete from the host. What stays does no
   * harm: {@code docker/submit} replaces a lesson's directory before the lesson runs.
   */
  private static void emptyDirectory(Path directory) throws IOException {
    if (Files.exists(directory)) {
      try (Stream<Path> old = Files.walk(directory)) {
        List<Path> deepestFirst = old.sorted(Comparator.reverseOrder()).toList();
        for (Path path : deepestFirst) {
          if (!path.equals(directory)) {
            Files.deleteIfExists(path);
          }
        }
      } catch (IOException | UncheckedIOException notOurs) {
        TestSettings.log(
            "%s not emptied (%s): docker/submit replaces each lesson's output", directory, notOurs);
      }
    }
    Files.createDirectories(directory);
  }
}
