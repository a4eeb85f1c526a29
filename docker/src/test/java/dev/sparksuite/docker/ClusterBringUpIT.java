package dev.sparksuite.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparksuite.testkit.ClusterTier;
import dev.sparksuite.testkit.Command.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cluster of docker-compose.yml (the shared one, with Prometheus), from the official image or,
 * where it cannot be pulled, the registry-free test image: its services, its workers and its
 * metrics. Never skipped in the cluster tier: where no Docker engine answers, it fails and says how
 * to get one.
 */
@ClusterTier
class ClusterBringUpIT extends OnTheSharedCluster {

  @BeforeAll
  static void logTheBringUp() {
    TestSettings.log(
        "bring-up (compose up -> 3 workers ALIVE): %.1f s", cluster.bringUp().toMillis() / 1e3);
  }

  @Test
  void masterListsThreeAliveWorkersWithTwoCoresAndTwoGigabytes() throws Exception {
    JsonNode master = cluster.master();

    assertThat(master.path("status").asText()).isEqualTo("ALIVE");
    List<String> workers = new ArrayList<>();
    for (JsonNode worker : master.path("workers")) {
      assertThat(worker.path("state").asText()).isEqualTo("ALIVE");
      assertThat(worker.path("cores").asInt()).isEqualTo(2);
      assertThat(worker.path("memory").asInt()).as("MB").isEqualTo(2048);
      workers.add(worker.path("host").asText());
    }
    assertThat(workers).containsExactlyInAnyOrderElementsOf(ComposeCluster.WORKERS);
  }

  @Test
  void everyLongRunningServiceReportsHealthy() throws Exception {
    for (String service :
        List.of(
            "spark-master",
            "spark-worker-1",
            "spark-worker-2",
            "spark-worker-3",
            "spark-history")) {
      assertThat(cluster.awaitHealth(service, "healthy", Duration.ofSeconds(60)))
          .as(service)
          .isEqualTo("healthy");
    }
  }

  /**
   * conf/log4j2.properties: the master's and the workers' own classes log at INFO, every other
   * logger at WARN, so the master's log reads as the cluster's story.
   */
  @Test
  void masterLogShowsEachWorkerRegisteringAndNothingElseAtInfo() throws Exception {
    Result logs = cluster.compose("logs", "--no-color", "spark-master");

    assertThat(logs.exitCode()).as(logs.describe()).isZero();
    List<String> info = logs.stdout().lines().filter(l -> l.contains(" INFO ")).toList();
    TestSettings.log(
        "master log at INFO: %d lines, e.g. %s",
        info.size(), info.stream().findFirst().orElse("none"));
    for (String worker : ComposeCluster.WORKERS) {
      assertThat(info)
          .as("the master's INFO lines")
          .anyMatch(l -> l.contains("Registering worker " + worker));
    }
    assertThat(info)
        .as("INFO lines come from the Master class only")
        .allMatch(l -> l.contains(" INFO Master: "));
  }

  @Test
  void masterExportsPrometheusMetricsWithThreeAliveWorkers() throws Exception {
    String metrics = cluster.get(ComposeCluster.MASTER_UI + "/metrics/master/prometheus");

    assertThat(metrics.lines())
        .as("the master's PrometheusServlet output:%n%s", metrics)
        .contains("metrics_master_aliveWorkers_Value{type=\"gauges\"} 3");
  }
}
