package dev.sparksuite.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparksuite.testkit.Command.Result;
import dev.sparksuite.testkit.SparkSubmit;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar, submitted with the real spark-submit, as a user runs it. */
class ClusterJobSubmitIT {

  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  private static final String CLUSTER_JOB = "dev.sparksuite.cluster.ClusterJob";

  @TempDir Path dir;

  @Test
  void runsFromTheShadedJarAndPublishesItsOutput() throws Exception {
    Path output = dir.resolve("results");
    Files.createDirectories(output);
    Files.writeString(output.resolve("stale.txt"), "from an earlier run");

    Path report = dir.resolve("reports/spread.json");
    Result run =
        SparkSubmit.runLocal(
            SparkSubmit.jar(),
            CLUSTER_JOB,
            List.of(
                "--records",
                "200000",
                "--partitions",
                "6",
                "--output",
                output.toString(),
                "--report",
                report.toString()),
            TIMEOUT);

    assertThat(run.exitCode()).as("stderr:%n%s", run.stderr()).isZero();
    assertThat(run.stdout())
        .contains("Partition spread (RDD stage): 200,000 records in 6 partitions")
        .contains("DAG (jobs in order, each with its stages):")
        .contains("Report (JSON): " + report)
        .doesNotContain("\"applicationId\"")
        .contains("Self-check: PASSED")
        .contains("Results: revenue per region (stage 3)")
        .containsPattern("\n  central +40,000 +2,100,000\n")
        .contains("What each stage shows, in Spark's own numbers:")
        .contains(
            "[1/5] map-side combine: 6 map tasks read 200,000 records and shuffled 60 partial sums")
        .contains("join: BroadcastHashJoin")
        .contains("limits Spark planned on top of it: WindowGroupLimit")
        .contains("[5/5] Parquet results written to " + output);
    assertThat(run.stdout()).contains("Evenness: one host ran all 6 tasks of each record stage");
    assertThat(run.stderr()).as("a successful run logs no stack trace").doesNotContain("\tat ");
    assertThat(output.resolve("stale.txt")).doesNotExist();
    assertThat(output.resolve("category_stats")).isDirectory();
    assertThat(output.resolve("partition_spread")).isDirectory();
    JsonNode json = new ObjectMapper().readTree(report.toFile());
    assertThat(json.path("records").asLong()).isEqualTo(200_000);
    assertThat(json.path("partitions")).hasSize(6);
    assertThat(run.stdout())
        .as("the verdict follows the tables and the report file's line")
        .containsSubsequence("Evenness: ", "Report (JSON): ", "Self-check: PASSED");
  }

  @Test
  void badArgumentsExitWithTwoAndOneLineWithoutAStackTrace() throws Exception {
    Result run =
        SparkSubmit.runLocal(
            SparkSubmit.jar(), CLUSTER_JOB, List.of("--partitions", "zero"), TIMEOUT);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderrLines())
        .filteredOn(l -> l.startsWith("cluster-job") || l.startsWith("usage"))
        .containsExactly(
            "cluster-job: --partitions must be a whole number up to 2147483647, got 'zero' (--help prints the usage)");
    assertThat(run.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void anUnreachableMasterFailsFastWithOneLine() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String master = "spark://127.0.0.1:" + closedPort;

    Result run =
        SparkSubmit.run(List.of("--master", master, "--class", CLUSTER_JOB), List.of(), TIMEOUT);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderrLines())
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("cluster-job: cannot reach the Spark master " + master));
    assertThat(run.elapsed())
        .as("fails within the connect timeout, not Spark's minute of retries")
        .isLessThan(Duration.ofSeconds(45));
  }

  @Test
  void theShadedJarHoldsOnlyTheProjectsClasses() throws IOException {
    try (JarFile jar = new JarFile(SparkSubmit.jar().toFile())) {
      List<String> classes =
          Collections.list(jar.entries()).stream()
              .map(JarEntry::getName)
              .filter(n -> n.endsWith(".class"))
              .toList();

      assertThat(classes)
          .isNotEmpty()
          .allMatch(
              n ->
                  n.startsWith("dev/sparksuite/cluster/")
                      || n.startsWith("dev/sparksuite/lessonkit/"),
              "a class of this project: the job's or lessonkit's (Spark and "
                  + "what it ships are provided by the cluster)");
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo("dev.sparksuite.cluster.ClusterJob");
    }
  }

  /**
   * Spark loads its own copy of what it ships first: a second copy in the jar would only conflict.
   */
  @Test
  void theShadedJarCarriesNoClassSparkShips() throws Exception {
    assertThat(SparkSubmit.classesSparkShips(SparkSubmit.jar()))
        .as("classes of %s that Spark's jars/ has too", SparkSubmit.jar())
        .isEmpty();
  }
}
