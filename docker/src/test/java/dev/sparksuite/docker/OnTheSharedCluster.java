package dev.sparksuite.docker;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * Not a test: the base of the test classes that leave the cluster as they found it (no process
 * killed, no setting changed, no application left running). They share one cluster ({@link
 * TestClusters#shared}), torn down when the whole run ends.
 */
@ExtendWith(OnTheSharedCluster.TakeTheSharedCluster.class)
abstract class OnTheSharedCluster {

  protected static ComposeCluster cluster;
  private static long classStart;

  @AfterAll
  static void logTheClassTime(TestInfo test) {
    TestSettings.log(
        "%s: %.1f s on the shared cluster",
        test.getTestClass().orElseThrow().getSimpleName(), (System.nanoTime() - classStart) / 1e9);
    cluster = null;
  }

  /**
   * Takes the shared cluster before the class's first test, and registers its teardown with the
   * run's root context, which JUnit closes after the last class of the run.
   */
  static final class TakeTheSharedCluster implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
      classStart = System.nanoTime();
      context
          .getRoot()
          .getStore(Namespace.create(TestClusters.class))
          .getOrComputeIfAbsent(
              "teardown at the end of the run",
              key -> (AutoCloseable) TestClusters::closeShared,
              AutoCloseable.class);
      cluster = TestClusters.shared();
    }
  }
}
