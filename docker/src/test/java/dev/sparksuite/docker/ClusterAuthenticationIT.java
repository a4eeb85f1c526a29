package dev.sparksuite.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.Command.Result;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cluster with docker-compose.auth.yml: master and workers share a secret
 * ({@code spark.authenticate}), and only an application that presents it may run.
 */
class ClusterAuthenticationIT {

  private static final String SECRET = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(4);

  private static ComposeCluster cluster;

  @BeforeAll
  static void bringUpTheAuthenticatedCluster() throws Exception {
    // Three workers ALIVE already proves that the workers authenticated to the master.
    cluster = ComposeCluster.start(Map.of("SPARK_AUTH_SECRET", SECRET), "docker-compose.yml", "docker-compose.auth.yml");
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void anApplicationWithTheSecretRunsOnAllWorkers() throws Exception {
    Result run = submit(List.of("--conf", "spark.authenticate=true", "--conf", "spark.authenticate.secret=" + SECRET));

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout()).contains("Self-check: PASSED").contains("3 executors registered");
  }

  @Test
  void anApplicationWithoutTheSecretIsRefusedWithOneLine() throws Exception {
    Result run = submit(List.of());

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
    assertThat(run.stderrLines()).as(run.describe()).anySatisfy(line -> assertThat(line)
        .startsWith("cluster-job: the Spark application could not start on spark://spark-master:7077")
        .contains("spark.authenticate.secret"));
    assertThat(run.stderr()).contains("SASL");
  }

  private static Result submit(List<String> authentication) throws Exception {
    List<String> args = new ArrayList<>(authentication);
    args.addAll(List.of("--class", "dev.sparksuite.cluster.ClusterJob", "/opt/spark-apps/cluster-job.jar",
        "--records", "100000", "--wait-for-executors", "3"));
    return cluster.startSubmit(ComposeCluster.MASTER_URL, args).await(JOB_TIMEOUT);
  }
}
