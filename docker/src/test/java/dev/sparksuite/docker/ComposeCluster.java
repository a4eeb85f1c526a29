package dev.sparksuite.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparksuite.testkit.Command;
import dev.sparksuite.testkit.Command.Result;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The compose cluster of {@code docker/docker-compose.yml}, driven the way a user drives it:
 * through the compose command, the published ports on 127.0.0.1 and {@code docker}.
 */
final class ComposeCluster implements AutoCloseable {

  static final String MASTER_UI = "http://127.0.0.1:9080";
  static final String HISTORY = "http://127.0.0.1:18080";
  static final String MASTER_URL = "spark://spark-master:7077";

  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> compose;
  private final Map<String, String> environment;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NORMAL).build();

  /**
   * @param composeCommand "docker compose" or "docker-compose"
   * @param project a compose project name of its own, so the test never touches a user's cluster
   */
  ComposeCluster(String composeCommand, Path dockerDir, String project, Map<String, String> environment,
      List<String> composeFiles) {
    List<String> command = new ArrayList<>(Arrays.asList(composeCommand.trim().split(" ")));
    command.addAll(List.of("--project-directory", dockerDir.toString(), "-p", project));
    composeFiles.forEach(file -> command.addAll(List.of("-f", dockerDir.resolve(file).toString())));
    this.compose = List.copyOf(command);
    this.environment = Map.copyOf(environment);
  }

  Result compose(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(compose);
    command.addAll(List.of(args));
    return Command.run(command, environment, COMMAND_TIMEOUT);
  }

  void up() throws IOException, InterruptedException {
    Result up = compose("up", "-d");
    if (up.exitCode() != 0) {
      throw new IllegalStateException("the cluster did not come up:\n" + up.describe());
    }
  }

  /**
   * Ensures a Docker engine, builds the test image (cached), and brings up a fresh cluster from
   * the given compose files, waiting until the master lists three ALIVE workers.
   */
  static ComposeCluster start(Map<String, String> extraEnvironment, String... composeFiles) throws Exception {
    Path dockerDir = TestSettings.path("sparksuite.dockerDir");
    Result docker = Command.run(List.of(dockerDir.resolve("scripts/ensure-docker.sh").toString()), Map.of(),
        Duration.ofMinutes(10));
    if (docker.exitCode() != 0) {
      throw new IllegalStateException("a Docker engine is needed: " + docker.stderr().strip());
    }
    String composeCommand = docker.stdout().strip().lines().reduce((a, b) -> b).orElseThrow();

    String image = System.getProperty("sparksuite.testImage");
    Result build = Command.run(List.of(dockerDir.resolve("image/build-test-image.sh").toString(),
        TestSettings.path("sparksuite.sparkHome").toString(), image), Map.of(), Duration.ofMinutes(20));
    if (build.exitCode() != 0) {
      throw new IllegalStateException("building the test image failed:\n" + build.describe());
    }
    TestSettings.log(build.stdout().strip());

    Map<String, String> environment = new java.util.HashMap<>(extraEnvironment);
    environment.put("SPARK_IMAGE", image);
    environment.put("SPARK_APPS_DIR", TestSettings.path("sparksuite.appsDir").toString());
    ComposeCluster cluster = new ComposeCluster(composeCommand, dockerDir, TestSettings.PROJECT, environment,
        List.of(composeFiles));
    cluster.close(); // leftovers of an interrupted earlier run
    long start = System.nanoTime();
    try {
      cluster.up();
      cluster.awaitAliveWorkers(3, Duration.ofMinutes(3));
    } catch (Exception | AssertionError e) {
      // The test class never gets the cluster to close, so a failed start cleans up after itself.
      try {
        cluster.close();
      } catch (Exception cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    cluster.bringUp = Duration.ofNanos(System.nanoTime() - start);
    return cluster;
  }

  private Duration bringUp;

  /** From {@code compose up} to three workers ALIVE on the master. */
  Duration bringUp() {
    return bringUp;
  }

  /** {@code compose exec -T <service> <command…>}, started and left running. */
  Command.Running startExec(String service, List<String> command) throws IOException {
    List<String> full = new ArrayList<>(compose);
    full.addAll(List.of("exec", "-T", service));
    full.addAll(command);
    return Command.start(full, environment);
  }

  /**
   * {@code spark-submit} run inside the master's container, on the cluster network: the driver
   * advertises itself as spark-master, a name every executor can resolve.
   */
  Command.Running startSubmit(String master, List<String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of("/opt/spark/bin/spark-submit", "--master", master,
        "--conf", "spark.driver.host=spark-master"));
    command.addAll(args);
    return startExec("spark-master", command);
  }

  String containerId(String service) throws IOException, InterruptedException {
    return compose("ps", "-q", service).stdout().trim();
  }

  Result docker(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    return Command.run(command, Map.of(), COMMAND_TIMEOUT);
  }

  JsonNode getJson(String url) throws IOException, InterruptedException {
    return JSON.readTree(get(url));
  }

  String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + url + " answered " + response.statusCode());
    }
    return response.body();
  }

  /** Polls the master's {@code /json/} until it lists this many ALIVE workers. */
  void awaitAliveWorkers(int workers, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer yet";
    while (System.nanoTime() < deadline) {
      try {
        JsonNode master = getJson(MASTER_UI + "/json/");
        if (master.path("aliveworkers").asInt() >= workers) {
          return;
        }
        last = "aliveworkers = " + master.path("aliveworkers").asInt();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(workers + " workers were not ALIVE within " + timeout + " (" + last + ")");
  }

  /** Stops and removes every container, network and volume of the project, and checks it did. */
  @Override
  public void close() throws IOException, InterruptedException {
    Result down = compose("down", "-v", "--remove-orphans", "--timeout", "5");
    Result left = docker("ps", "-a", "-q", "--filter", "label=com.docker.compose.project=" + TestSettings.PROJECT);
    if (down.exitCode() != 0 || !left.stdout().isBlank()) {
      throw new IllegalStateException("the cluster was not removed completely:\n" + down.describe() + "\n" + left.describe());
    }
  }
}
