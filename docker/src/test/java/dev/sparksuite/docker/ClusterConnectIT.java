package dev.sparksuite.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparksuite.testkit.ClusterTier;
import dev.sparksuite.testkit.Command;
import dev.sparksuite.testkit.Command.Result;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The compose file's Spark Connect server (service spark-connect) on the shared cluster, reached
 * from the host as a user reaches it: {@code java -jar connect-client.jar --remote
 * sc://localhost:15002} with the token read out of the service. The other cluster tests run without
 * the service (it holds 2 of the 6 cores from its start); this class starts it and removes it at
 * the end.
 */
@ClusterTier
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterConnectIT extends OnTheSharedCluster {

  private static final String SERVICE = "spark-connect";
  private static final String REMOTE = "sc://localhost:15002";
  private static final String TOKEN_VARIABLE = "SPARK_CONNECT_AUTHENTICATE_TOKEN";
  private static final Duration CLIENT_TIMEOUT = Duration.ofMinutes(4);
  private static final Pattern TASK_HOSTS = Pattern.compile("tasks on \\[([^\\]]*)\\]");

  private static String token;

  @BeforeAll
  static void startTheServer() throws Exception {
    long start = System.nanoTime();
    Result up = cluster.compose("up", "-d", SERVICE);
    assertThat(up.exitCode()).as(up.describe()).isZero();
    assertThat(cluster.awaitHealth(SERVICE, "healthy", Duration.ofMinutes(3)))
        .as("the service's healthcheck: the gRPC server answers")
        .isEqualTo("healthy");
    TestSettings.log("spark-connect healthy %.1f s after up", (System.nanoTime() - start) / 1e9);
    Result read = cluster.compose("exec", "-T", SERVICE, "cat", "/opt/spark-auth/connect-token");
    assertThat(read.exitCode()).as(read.describe()).isZero();
    token = read.stdout().strip();
    assertThat(token).as("32 random bytes as hex").matches("[0-9a-f]{64}");
  }

  @AfterAll
  static void removeTheServer() throws Exception {
    Result rm = cluster.compose("rm", "-s", "-f", SERVICE);
    assertThat(rm.exitCode()).as(rm.describe()).isZero();
  }

  @Test
  @Order(1)
  void theServerIsAnApplicationOfTheClusterLikeAnyOther() throws Exception {
    String application = connectApplication();

    assertThat(
            poll(
                () ->
                    cluster
                        .get(ComposeCluster.HISTORY + "/api/v1/applications?status=running")
                        .contains("\"" + application + "\""),
                Duration.ofSeconds(30)))
        .as("the history server lists the running server from its event log")
        .isTrue();
    assertThat(
            poll(
                () ->
                    prometheusTargetUp("spark-driver", "spark-connect:4040")
                        && prometheusTargetUp("spark-executors", "spark-connect:4040"),
                Duration.ofSeconds(30)))
        .as("Prometheus scrapes the server's driver and executors")
        .isTrue();
    String container = cluster.containerId(SERVICE);
    Result processes = cluster.docker("exec", container, "ps", "-eo", "args");
    assertThat(processes.exitCode()).as(processes.describe()).isZero();
    assertThat(processes.stdout())
        .as("no command line in the container holds the token")
        .contains("SparkConnectServer")
        .doesNotContain(token);
    assertThat(cluster.docker("inspect", container).stdout())
        .as("nor does the container's configuration")
        .doesNotContain(token);
  }

  @Test
  @Order(2)
  void theClientJarRunsTheLessonsFromTheHostOnTheServersApplication() throws Exception {
    String application = connectApplication();

    Result run = client(Map.of(TOKEN_VARIABLE, token), "--remote", REMOTE);

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout())
        .contains(
            "SQL query: sum(id) over 1..1,000,000 = 500,000,500,000",
            "ran in: application "
                + application
                + " (spark-connect) on spark://spark-master:7077, Spark 4.1.1",
            "application " + application + ", view found, shuffle partitions 7",
            "[UNSUPPORTED_CONNECT_FEATURE.RDD]",
            "[UNSUPPORTED_CONNECT_FEATURE.SESSION_SPARK_CONTEXT]",
            "[UNSUPPORTED_CONNECT_FEATURE.SESSION_LISTENER_MANAGER]");
    List<String> sessions =
        run.stdout().lines().filter(line -> line.startsWith("session ")).toList();
    assertThat(sessions).hasSize(2);
    assertThat(sessions.get(1))
        .as("the second session: the same application, not the first's view or setting")
        .contains(
            "application " + application, "[TABLE_OR_VIEW_NOT_FOUND]", "shuffle partitions 200");
    for (String session : sessions) {
      Matcher hosts = TASK_HOSTS.matcher(session);
      assertThat(hosts.find()).as(session).isTrue();
      assertThat(List.of(hosts.group(1).split(", ")))
          .as("each session's tasks ran on the application's executors, on the workers")
          .isNotEmpty()
          .isSubsetOf(ComposeCluster.WORKERS);
    }
  }

  @Test
  @Order(3)
  void aClientWithoutTheTokenIsRefusedForAuthentication() throws Exception {
    Map<String, String> noToken = new HashMap<>();
    noToken.put(TOKEN_VARIABLE, null);
    Result without = client(noToken, "RemoteQueryExample", "--remote", REMOTE);
    Result wrong =
        client(Map.of(TOKEN_VARIABLE, "0".repeat(64)), "RemoteQueryExample", "--remote", REMOTE);

    assertThat(without.exitCode()).as(without.describe()).isEqualTo(1);
    assertThat(without.stderrLines())
        .as("one line")
        .singleElement()
        .asString()
        .startsWith("RemoteQueryExample failed: ")
        .endsWith("UNAUTHENTICATED: No authentication token provided");
    assertThat(wrong.exitCode()).as(wrong.describe()).isEqualTo(1);
    assertThat(wrong.stderrLines())
        .singleElement()
        .asString()
        .endsWith("UNAUTHENTICATED: Invalid authentication token");
  }

  @Test
  @Order(4)
  void thePortIsPublishedOnLoopbackOnly() throws Exception {
    Result port = cluster.docker("port", cluster.containerId(SERVICE), "15002");
    assertThat(port.stdout().lines()).containsExactly("127.0.0.1:15002");

    Optional<InetAddress> other = nonLoopbackAddress();
    assumeThat(other).as("a non-loopback IPv4 address on this machine").isPresent();
    assertThat(reachable(InetAddress.getLoopbackAddress())).isTrue();
    assertThat(reachable(other.get()))
        .as("15002 on %s, this machine's other address", other.get())
        .isFalse();
  }

  /**
   * The server's JVM killed (SIGKILL) while a client is connected: the restart policy brings the
   * container back; the client's old session is refused, and a new session works on the new
   * application.
   */
  @Test
  @Order(5)
  void aKilledServerIsBroughtBackByItsPolicyAndTheClientGetsBackToWork() throws Exception {
    String container = cluster.containerId(SERVICE);
    int restartsBefore = restartCount(container);
    Command.Running lesson =
        Command.start(
            clientCommand("ServerRestartExample", "--remote", REMOTE),
            Map.of(TOKEN_VARIABLE, token));
    assertThat(poll(() -> lesson.stdoutSoFar().contains("restart the server now"), CLIENT_TIMEOUT))
        .as(lesson.stderrSoFar())
        .isTrue();
    long killed = System.nanoTime();
    Result kill = cluster.signal(SERVICE, "KILL", "bin/java .*SparkConnectServer");
    assertThat(kill.exitCode()).as(kill.describe()).isZero();

    Result run = lesson.await(CLIENT_TIMEOUT);
    double clientBack = (System.nanoTime() - killed) / 1e9;
    String healthy = cluster.awaitHealth(SERVICE, "healthy", Duration.ofMinutes(3));
    double healthyAgain = (System.nanoTime() - killed) / 1e9;

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(restartCount(container))
        .as("the restart policy's restart")
        .isGreaterThan(restartsBefore);
    assertThat(healthy).isEqualTo("healthy");
    assertThat(run.stdout())
        .contains(
            "the old session's next call: held ",
            " ms, then INVALID_HANDLE.SESSION_CHANGED: [INVALID_HANDLE.SESSION_CHANGED]",
            "the view there: TABLE_OR_VIEW_NOT_FOUND");
    assertThat(group(run.stdout(), "(the first call to fail: .*)"))
        .as("the three ways a call meets the restart (ServerRestartExample)")
        .containsAnyOf(
            "StacklessClosedChannelException",
            "[INVALID_HANDLE.SESSION_NOT_FOUND]",
            "[INVALID_HANDLE.SESSION_CHANGED]");
    String before = group(run.stdout(), "before: application (\\S+)");
    String after = group(run.stdout(), "on application (\\S+);");
    assertThat(after).as("the restarted server is a new application").isNotEqualTo(before);
    TestSettings.log(
        "spark-connect killed: %s; the client worked again %.1f s after the kill, the service"
            + " was healthy again after %.1f s",
        run.stdout().lines().filter(l -> l.contains("held ") || l.contains("answered")).toList(),
        clientBack,
        healthyAgain);
  }

  private static String connectApplication() throws Exception {
    for (JsonNode app : cluster.master().path("activeapps")) {
      if (app.path("name").asText().equals(SERVICE)) {
        assertThat(app.path("cores").asInt()).as("spark.cores.max").isEqualTo(2);
        return app.path("id").asText();
      }
    }
    throw new AssertionError("the master lists no running application named " + SERVICE);
  }

  private static boolean prometheusTargetUp(String pool, String instance) throws Exception {
    for (JsonNode target :
        cluster
            .getJson(ComposeCluster.PROMETHEUS + "/api/v1/targets")
            .path("data")
            .path("activeTargets")) {
      if (target.path("scrapePool").asText().equals(pool)
          && target.path("labels").path("instance").asText().equals(instance)) {
        return target.path("health").asText().equals("up");
      }
    }
    return false;
  }

  private static Result client(Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    return Command.run(clientCommand(args), environment, CLIENT_TIMEOUT);
  }

  private static List<String> clientCommand(String... args) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java.toString(),
                "-Xmx512m",
                "-jar",
                TestSettings.path("sparksuite.connectClientJar").toString()));
    command.addAll(List.of(args));
    return command;
  }

  private static int restartCount(String container) throws Exception {
    return Integer.parseInt(
        cluster.docker("inspect", "-f", "{{.RestartCount}}", container).stdout().strip());
  }

  private static String group(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("%s in:%n%s", regex, text).isTrue();
    return m.group(1);
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
    return NetworkInterface.networkInterfaces()
        .filter(n -> !n.getName().startsWith("docker") && !n.getName().startsWith("br-"))
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
        .findFirst();
  }

  private static boolean reachable(InetAddress address) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, 15002), 2_000);
      return true;
    } catch (ConnectException refused) {
      return false;
    }
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private static boolean poll(Check check, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(500);
    }
    return true;
  }
}
