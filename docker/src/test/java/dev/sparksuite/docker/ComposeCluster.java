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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The compose cluster of {@code docker/docker-compose.yml}, driven the way a user drives it:
 * through the compose command, the published ports on 127.0.0.1 and {@code docker}.
 */
final class ComposeCluster implements AutoCloseable {

  static final String MASTER_UI = "http://127.0.0.1:9080";
  static final String HISTORY = "http://127.0.0.1:18080";
  static final String PROMETHEUS = "http://127.0.0.1:9090";
  static final String MASTER_URL = "spark://spark-master:7077";
  static final List<String> WORKERS = List.of("spark-worker-1", "spark-worker-2", "spark-worker-3");

  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);

  /** The compose file's default image: what users with Docker Hub run. */
  static final String OFFICIAL_IMAGE = "apache/spark:4.1.1-scala2.13-java17-ubuntu";

  private static final Duration PULL_TIMEOUT = Duration.ofSeconds(30);
  private static String chosenImage;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROJECT_LABEL =
      "label=com.docker.compose.project=" + TestSettings.PROJECT;

  private final List<String> compose;
  private final Map<String, String> environment;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();
  private final List<String> services;
  private Duration bringUp;

  /**
   * @param composeCommand "docker compose" or "docker-compose"
   * @param project a compose project name of its own, so the test never touches a user's cluster
   */
  ComposeCluster(
      String composeCommand,
      Path dockerDir,
      String project,
      Map<String, String> environment,
      List<String> composeFiles) {
    this(composeCommand, dockerDir, project, environment, composeFiles, List.of(), List.of());
  }

  /**
   * @param profiles compose profiles to enable ({@code --profile monitoring})
   * @param services what {@code up} starts (with what they depend on); empty: every service of the
   *     enabled profiles
   */
  ComposeCluster(
      String composeCommand,
      Path dockerDir,
      String project,
      Map<String, String> environment,
      List<String> composeFiles,
      List<String> profiles,
      List<String> services) {
    List<String> command = new ArrayList<>(Arrays.asList(composeCommand.trim().split(" ")));
    command.addAll(List.of("--project-directory", dockerDir.toString(), "-p", project));
    composeFiles.forEach(file -> command.addAll(List.of("-f", dockerDir.resolve(file).toString())));
    profiles.forEach(profile -> command.addAll(List.of("--profile", profile)));
    this.compose = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.services = List.copyOf(services);
  }

  private ComposeCluster(List<String> compose, Map<String, String> environment) {
    this.compose = List.copyOf(compose);
    this.environment = Map.copyOf(environment);
    this.services = List.of();
  }

  /**
   * The same compose files, profiles and environment under another project name: other containers,
   * other volumes. Its {@link #close} would check this run's project, so remove it with {@code
   * compose("down", "-v")}.
   */
  ComposeCluster asProject(String project) {
    List<String> command = new ArrayList<>(compose);
    command.set(command.indexOf("-p") + 1, project);
    return new ComposeCluster(command, environment);
  }

  /** The ids of the project's running containers. */
  List<String> runningContainers() throws IOException, InterruptedException {
    return docker("ps", "-q", "--filter", PROJECT_LABEL).stdout().lines().toList();
  }

  Result compose(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(compose);
    command.addAll(List.of(args));
    return Command.run(command, environment, COMMAND_TIMEOUT);
  }

  void up() throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("up", "-d"));
    if (services.isEmpty()) {
      // Every service but the Spark Connect server: an application holding 2 of the 6 cores from
      // its start would change what the other tests measure. ClusterConnectIT starts it.
      args.addAll(List.of("--scale", "spark-connect=0"));
    }
    args.addAll(services);
    Result up = compose(args.toArray(String[]::new));
    if (up.exitCode() != 0) {
      throw new IllegalStateException("the cluster did not come up:\n" + up.describe());
    }
  }

  /**
   * Checks that a Docker engine answers, picks the Spark image (building the test image, cached,
   * where the official one cannot be pulled), and brings up a fresh cluster from the given compose
   * files, waiting until the master lists three ALIVE workers.
   */
  static ComposeCluster start(Map<String, String> extraEnvironment, String... composeFiles)
      throws Exception {
    return start(extraEnvironment, List.of(), List.of(), composeFiles);
  }

  /**
   * The cluster the sharing test classes use ({@link TestClusters#shared}): the default compose
   * file plus Prometheus (compose profile {@code monitoring}), from the Prometheus image {@code
   * image/build-prometheus-image.sh} builds without a registry, and the shared volume bound to a
   * host directory. Grafana, the profile's other service, is not started: its image comes only from
   * a registry.
   */
  static ComposeCluster startShared(Path dataDir) throws Exception {
    return start(
        Map.of("SPARK_DATA_DIR", dataDir.toString()),
        List.of("monitoring"),
        List.of(
            "spark-master",
            "spark-worker-1",
            "spark-worker-2",
            "spark-worker-3",
            "spark-history",
            "spark-client",
            "prometheus"),
        "docker-compose.yml");
  }

  /**
   * The Spark image the clusters of this test run use, chosen once: {@code SPARK_IMAGE} if set;
   * else the official image if it can be pulled within {@link #PULL_TIMEOUT} (where Docker Hub is
   * reachable, the tests then run the real thing); else the test image, built without a registry.
   */
  private static synchronized String sparkImage(Path dockerDir) throws Exception {
    if (chosenImage != null) {
      return chosenImage;
    }
    String given = System.getenv("SPARK_IMAGE");
    if (given != null && !given.isBlank()) {
      TestSettings.log("Spark image: %s (SPARK_IMAGE)", given);
      return chosenImage = given;
    }
    String pullFailure;
    try {
      Result pull =
          Command.run(List.of("docker", "pull", "-q", OFFICIAL_IMAGE), Map.of(), PULL_TIMEOUT);
      if (pull.exitCode() == 0) {
        TestSettings.log("Spark image: %s (the official image, pulled)", OFFICIAL_IMAGE);
        return chosenImage = OFFICIAL_IMAGE;
      }
      pullFailure = pull.stderr().strip().lines().findFirst().orElse("exit " + pull.exitCode());
    } catch (IllegalStateException timedOut) {
      pullFailure = "no answer within " + PULL_TIMEOUT.toSeconds() + " s";
    }
    String testImage = System.getProperty("sparksuite.testImage");
    TestSettings.log(
        "Spark image: %s, built here: the official %s could not be pulled (%s)",
        testImage, OFFICIAL_IMAGE, pullFailure);
    Result build =
        Command.run(
            List.of(
                dockerDir.resolve("image/build-test-image.sh").toString(),
                TestSettings.path("sparksuite.sparkHome").toString(),
                testImage),
            Map.of(),
            Duration.ofMinutes(20));
    if (build.exitCode() != 0) {
      throw new IllegalStateException("building the test image failed:\n" + build.describe());
    }
    TestSettings.log(build.stdout().strip());
    return chosenImage = testImage;
  }

  private static ComposeCluster start(
      Map<String, String> extraEnvironment,
      List<String> profiles,
      List<String> services,
      String... composeFiles)
      throws Exception {
    Path dockerDir = TestSettings.path("sparksuite.dockerDir");
    Result docker =
        Command.run(
            List.of(dockerDir.resolve("scripts/ensure-docker.sh").toString(), "--check"),
            Map.of(),
            Duration.ofMinutes(1));
    if (docker.exitCode() != 0) {
      throw new IllegalStateException("a Docker engine is needed: " + docker.stderr().strip());
    }
    String composeCommand = docker.stdout().strip().lines().reduce((a, b) -> b).orElseThrow();

    String image = sparkImage(dockerDir);

    Map<String, String> environment = new HashMap<>(extraEnvironment);
    if (profiles.contains("monitoring")) {
      String prometheusImage =
          System.getProperty("sparksuite.prometheusImage", "spark-suite/prometheus:bookworm");
      Result prometheus =
          Command.run(
              List.of(
                  dockerDir.resolve("image/build-prometheus-image.sh").toString(), prometheusImage),
              Map.of(),
              Duration.ofMinutes(20));
      if (prometheus.exitCode() != 0) {
        throw new IllegalStateException(
            "building the Prometheus image failed:\n" + prometheus.describe());
      }
      TestSettings.log(prometheus.stdout().strip());
      environment.put("PROMETHEUS_IMAGE", prometheusImage);
    }
    environment.put("SPARK_IMAGE", image);
    environment.put("SPARK_APPS_DIR", TestSettings.path("sparksuite.appsDir").toString());
    ComposeCluster cluster =
        new ComposeCluster(
            composeCommand,
            dockerDir,
            TestSettings.PROJECT,
            environment,
            List.of(composeFiles),
            profiles,
            services);
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
   * {@code spark-submit} run inside the spark-client container, on the cluster network: the driver
   * advertises itself as spark-client, a name every executor can resolve. The submission carries a
   * tag of its own on its command line, so that a submission that overruns its time can be found
   * and stopped inside the container.
   */
  Submission startSubmit(String master, List<String> args) throws IOException {
    String tag = "spark.sparksuite.submission=" + UUID.randomUUID();
    List<String> command =
        new ArrayList<>(
            List.of(
                "/opt/spark/bin/spark-submit",
                "--master",
                master,
                "--conf",
                "spark.driver.host=spark-client",
                "--conf",
                tag));
    command.addAll(args);
    return new Submission(this, startExec("spark-client", command), tag);
  }

  /** A running {@code spark-submit}; one that overruns its time is stopped with its application. */
  static final class Submission {
    private final ComposeCluster cluster;
    private final Command.Running running;
    private final String tag;

    private Submission(ComposeCluster cluster, Command.Running running, String tag) {
      this.cluster = cluster;
      this.running = running;
      this.tag = tag;
    }

    String stdoutSoFar() {
      return running.stdoutSoFar();
    }

    boolean isAlive() {
      return running.isAlive();
    }

    /**
     * Waits until the submit's stderr (Spark's log) holds {@code text} while it runs; false if it
     * ended or the time ran out first. The submit keeps running: {@link #stop} ends it.
     */
    boolean awaitLog(String text, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (running.isAlive() && System.nanoTime() < deadline) {
        if (running.stderrSoFar().contains(text)) {
          return true;
        }
        Thread.sleep(500);
      }
      return running.stderrSoFar().contains(text);
    }

    /**
     * Waits for the submit to end. On timeout, ending the compose CLI alone would leave
     * spark-submit running in the container with all its executors; so the driver is stopped there
     * too (SIGTERM: Spark's shutdown hook unregisters the application and frees its cores; SIGKILL
     * if it lingers), and the master is polled until no application holds cores.
     */
    Result await(Duration timeout) throws IOException, InterruptedException {
      try {
        return running.await(timeout);
      } catch (IllegalStateException timedOut) {
        try {
          stop();
        } catch (Exception | AssertionError cleanup) {
          timedOut.addSuppressed(cleanup);
        }
        throw timedOut;
      }
    }

    /** Stops the driver and its application, as {@link #await} does on timeout. */
    void stop() throws IOException, InterruptedException {
      cluster.compose("exec", "-T", "spark-client", "pkill", "-TERM", "-f", tag);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (cluster.compose("exec", "-T", "spark-client", "pgrep", "-f", tag).exitCode() == 0) {
        if (System.nanoTime() > deadline) {
          cluster.compose("exec", "-T", "spark-client", "pkill", "-KILL", "-f", tag);
          break;
        }
        Thread.sleep(500);
      }
      cluster.awaitMaster(
          master -> master.path("activeapps").isEmpty(),
          "no active application",
          Duration.ofSeconds(60));
      TestSettings.log("a submission that overran its time was stopped with its application");
    }
  }

  /**
   * Waits until the application's executor on the host runs a task, asking the driver's REST API
   * from inside the cluster network (the driver's UI is not published): a fault injected then lands
   * on work in hand rather than between stages. Returns the tasks it was running.
   */
  int awaitActiveTasksOn(String host, String application, Submission job, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String request =
        "exec 3<>/dev/tcp/spark-client/4040 && printf 'GET /api/v1/applications/"
            + application
            + "/executors HTTP/1.0\\r\\n\\r\\n' >&3 && cat <&3";
    while (System.nanoTime() < deadline && job.isAlive()) {
      Result answer = compose("exec", "-T", "spark-client", "bash", "-c", request);
      int body = answer.stdout().indexOf('[');
      if (answer.exitCode() == 0 && body >= 0) {
        for (JsonNode executor : JSON.readTree(answer.stdout().substring(body))) {
          int active = executor.path("activeTasks").asInt();
          if (executor.path("hostPort").asText().startsWith(host + ":") && active > 0) {
            return active;
          }
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "the executor on " + host + " ran no task within " + timeout + " while the job ran");
  }

  String containerId(String service) throws IOException, InterruptedException {
    return compose("ps", "-q", service).stdout().trim();
  }

  /**
   * Sends a signal to the processes of a service whose command line matches, like a crash or an
   * operator would.
   */
  Result signal(String service, String signal, String commandLinePattern)
      throws IOException, InterruptedException {
    return docker("exec", containerId(service), "pkill", "-" + signal, "-f", commandLinePattern);
  }

  /** The healthcheck's verdict on a service: starting, healthy or unhealthy. */
  String health(String service) throws IOException, InterruptedException {
    return docker("inspect", "-f", "{{.State.Health.Status}}", containerId(service))
        .stdout()
        .strip();
  }

  /**
   * Polls the service's healthcheck verdict until it is {@code wanted} or time is up; returns the
   * last verdict.
   */
  String awaitHealth(String service, String wanted, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String health = health(service);
    while (!health.equals(wanted) && System.nanoTime() < deadline) {
      Thread.sleep(1000);
      health = health(service);
    }
    return health;
  }

  /**
   * The lines a service logged since the instant (its output and error streams, across restarts of
   * its container) that contain a match of the pattern.
   */
  List<String> logLinesSince(Instant since, String service, String pattern)
      throws IOException, InterruptedException {
    Result logs =
        docker("logs", "--since", Long.toString(since.getEpochSecond()), containerId(service));
    Pattern wanted = Pattern.compile(pattern);
    return (logs.stdout() + "\n" + logs.stderr())
        .lines()
        .filter(line -> wanted.matcher(line).find())
        .toList();
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
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + url + " answered " + response.statusCode());
    }
    return response.body();
  }

  JsonNode master() throws IOException, InterruptedException {
    return getJson(MASTER_UI + "/json/");
  }

  /** The id of the application the master runs now (the tests run one at a time). */
  String activeApplication() throws IOException, InterruptedException {
    return master().path("activeapps").path(0).path("id").asText();
  }

  /** Polls the master's {@code /json/} until it lists this many ALIVE workers. */
  void awaitAliveWorkers(int workers, Duration timeout) throws InterruptedException {
    awaitMaster(
        master -> master.path("aliveworkers").asInt() >= workers,
        workers + " ALIVE workers",
        timeout);
  }

  /** Polls the master's {@code /json/} until the condition holds; returns the time it took. */
  Duration awaitMaster(Predicate<JsonNode> condition, String what, Duration timeout)
      throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    String last = "no answer yet";
    while (System.nanoTime() < deadline) {
      try {
        JsonNode master = master();
        if (condition.test(master)) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
        last =
            "aliveworkers = "
                + master.path("aliveworkers").asInt()
                + ", activeapps = "
                + master.path("activeapps").size();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        "the master did not show " + what + " within " + timeout + " (" + last + ")");
  }

  /**
   * The application's stages as the history server recorded them, once it lists the application as
   * completed (it scans the event-log directory every 2 s).
   */
  StageHistory awaitStageHistory(String applicationId, Duration timeout) throws Exception {
    String app = HISTORY + "/api/v1/applications/" + applicationId;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        if (getJson(app).path("attempts").path(0).path("completed").asBoolean()) {
          return StageHistory.of(getJson(app + "/stages"));
        }
      } catch (IOException e) {
        // not listed yet
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "the history server did not list " + app + " as completed within " + timeout);
      }
      Thread.sleep(1000);
    }
  }

  /** Stage attempts, failed tasks and retried stages of one application. */
  record StageHistory(
      int stageAttempts, int retriedStageAttempts, int failedTasks, int completedTasks) {
    static StageHistory of(JsonNode stages) {
      int attempts = 0;
      int retried = 0;
      int failed = 0;
      int completed = 0;
      for (JsonNode stage : stages) {
        attempts++;
        if (stage.path("attemptId").asInt() > 0) {
          retried++;
        }
        failed += stage.path("numFailedTasks").asInt();
        completed += stage.path("numCompleteTasks").asInt();
      }
      return new StageHistory(attempts, retried, failed, completed);
    }
  }

  /**
   * Stops and removes every container, network and volume of the project, and checks that none is
   * left.
   */
  @Override
  public void close() throws IOException, InterruptedException {
    Result down = compose("down", "-v", "--remove-orphans", "--timeout", "5");
    List<String> left = new ArrayList<>();
    for (String kind : List.of("container", "network", "volume")) {
      List<String> list = new ArrayList<>(List.of(kind, "ls", "-q", "--filter", PROJECT_LABEL));
      if (kind.equals("container")) {
        list.add("--all");
      }
      Result listed = docker(list.toArray(String[]::new));
      if (listed.exitCode() != 0 || !listed.stdout().isBlank()) {
        left.add(kind + "s: " + listed.describe());
      }
    }
    if (down.exitCode() != 0 || !left.isEmpty()) {
      throw new IllegalStateException(
          "the cluster was not removed completely:\n"
              + down.describe()
              + "\n"
              + String.join("\n", left));
    }
  }
}
