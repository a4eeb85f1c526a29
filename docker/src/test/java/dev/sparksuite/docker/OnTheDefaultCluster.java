package dev.sparksuite.docker;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;

/**
 * Not a test: the base of the test classes that break their cluster on purpose (kill its processes,
 * decommission a worker) and so get a fresh default cluster of their own (master, 3 workers,
 * history server, client): brought up before the class's first test, torn down after its last, and
 * the class's time from bring-up to teardown logged.
 */
abstract class OnTheDefaultCluster {

  protected static ComposeCluster cluster;
  private static long classStart;

  @BeforeAll
  static void bringUpTheCluster() throws Exception {
    classStart = System.nanoTime();
    cluster = TestClusters.fresh(Map.of(), "docker-compose.yml");
  }

  @AfterAll
  static void tearDown(TestInfo test) throws Exception {
    TestSettings.closeAndLogTime(cluster, test.getTestClass().orElseThrow(), classStart);
    cluster = null;
  }
}
