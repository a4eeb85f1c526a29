package dev.sparksuite.clusterlessons;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.clusterlessons.DynamicAllocationExample.ExecutorCounter;
import dev.sparksuite.clusterlessons.DynamicAllocationExample.Phase;
import dev.sparksuite.testkit.SparkTestBase;
import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.cluster.ExecutorInfo;
import org.junit.jupiter.api.Test;
import scala.collection.immutable.Map$;

/**
 * What the dynamic-allocation lesson computes, on the local session (Spark never scales executors
 * on a local master; the docker module's ClusterElasticityIT runs the lesson on the cluster).
 */
class DynamicAllocationExampleTest extends SparkTestBase {

  @Test
  void theLessonsSettingsGiveWayToTheCommandLine() {
    SparkConf conf =
        DynamicAllocationExample.withDefaults(
            new SparkConf(false).set("spark.dynamicAllocation.enabled", "false"));

    assertThat(conf.get("spark.dynamicAllocation.enabled")).isEqualTo("false");
    assertThat(conf.get("spark.dynamicAllocation.executorIdleTimeout")).isEqualTo("5s");
    assertThat(conf.get("spark.dynamicAllocation.shuffleTracking.timeout")).isEqualTo("10s");
  }

  @Test
  void theWideStageSumsEveryTaskIdThroughTheShuffle() {
    assertThat(DynamicAllocationExample.wideStage(spark, 12, 1)).isEqualTo(66L);
  }

  @Test
  void aPhaseRecordsTheExecutorsAtItsStartItsPeakAndItsEndCountingEachExecutorOnce() {
    ExecutorCounter counter = new ExecutorCounter(0, 1);
    ExecutorInfo info = new ExecutorInfo("spark-worker-1", 1, Map$.MODULE$.empty());

    Phase phase =
        counter.phase(
            "load",
            () -> {
              counter.onExecutorAdded(new SparkListenerExecutorAdded(1000, "1", info));
              counter.onExecutorAdded(new SparkListenerExecutorAdded(2000, "2", info));
              counter.onExecutorRemoved(new SparkListenerExecutorRemoved(9000, "2", "idle"));
              counter.onExecutorRemoved(
                  new SparkListenerExecutorRemoved(9100, "2", "killed by the master"));
            });

    assertThat(phase.atStart()).isEqualTo(1);
    assertThat(phase.peak()).isEqualTo(3);
    assertThat(phase.atEnd()).isEqualTo(2);
    assertThat(counter.events()).extracting(e -> e.executorsAfter()).containsExactly(2, 3, 2);
  }
}
