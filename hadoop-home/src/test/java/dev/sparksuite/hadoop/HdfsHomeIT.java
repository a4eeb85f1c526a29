package dev.sparksuite.hadoop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import dev.sparksuite.testkit.HdfsHome;
import dev.sparksuite.testkit.HdfsHome.Daemon;
import dev.sparksuite.testkit.HdfsHome.Result;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembled Hadoop home, driven only through its {@code bin/hdfs}: a NameNode and two DataNodes
 * as processes on loopback, a file written and read back, the NameNode's web server.
 */
class HdfsHomeIT {

  private static final Path HOME =
      Path.of(System.getProperty("sparksuite.hadoopHome", "target/hadoop-home"));
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);
  private static final int BLOCK_SIZE = 1024 * 1024;
  // Three blocks of the 1 MiB block size: 1 MiB, 1 MiB and 902,848 bytes.
  private static final int FILE_SIZE = 3_000_000;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void storesAFileInTwoCopiesOnTwoDataNodesAndReadsItBackIdentical(@TempDir Path dir)
      throws Exception {
    int rpcPort = HdfsHome.freePort();
    int httpPort = HdfsHome.freePort();
    // Generic options every command takes before its own: the NameNode's address, and a scratch
    // directory instead of /tmp/hadoop-<user>.
    List<String> generic =
        List.of(
            "-D",
            "fs.defaultFS=hdfs://127.0.0.1:" + rpcPort,
            "-D",
            "hadoop.tmp.dir=" + dir.resolve("tmp"));
    List<String> nameNode =
        args(
            generic,
            "-D",
            "dfs.namenode.name.dir=" + dir.resolve("name"),
            "-D",
            "dfs.namenode.http-address=127.0.0.1:" + httpPort);
    Path logs = Files.createDirectories(dir.resolve("logs"));
    byte[] data = new byte[FILE_SIZE];
    new Random(15).nextBytes(data);
    Path local = Files.write(dir.resolve("random.bin"), data);

    List<Daemon> started;
    try (HdfsHome hdfs = new HdfsHome(HOME, logs)) {
      Result format =
          hdfs.run(args("namenode", nameNode, "-format", "-nonInteractive"), COMMAND_TIMEOUT);
      assertThat(format.exitCode()).as(format::describe).isZero();
      assertThat(dir.resolve("name/current/VERSION"))
          .as("the formatted NameNode's storage")
          .exists();

      long startNanos = System.nanoTime();
      hdfs.start("namenode", args("namenode", nameNode));
      for (int i = 1; i <= 2; i++) {
        // Port 0 everywhere: each DataNode binds what the OS gives it and reports it to the
        // NameNode.
        hdfs.start(
            "datanode-" + i,
            args(
                "datanode",
                generic,
                "-D",
                "dfs.datanode.data.dir=" + dir.resolve("data-" + i),
                "-D",
                "dfs.datanode.address=127.0.0.1:0",
                "-D",
                "dfs.datanode.http.address=127.0.0.1:0",
                "-D",
                "dfs.datanode.ipc.address=127.0.0.1:0"));
      }
      String state = "Hadoop:service=NameNode,name=FSNamesystemState";
      awaitJmx(hdfs, httpPort, state, "NumLiveDataNodes", 2);
      System.out.printf(
          "NameNode and 2 DataNodes up in %.1f s%n", (System.nanoTime() - startNanos) / 1e9);

      Result safeMode = hdfs.run(args("dfsadmin", generic, "-safemode", "wait"), COMMAND_TIMEOUT);
      assertThat(safeMode.stdout()).as(safeMode::describe).contains("Safe mode is OFF");

      Result put =
          hdfs.run(
              args(
                  "dfs",
                  generic,
                  "-D",
                  "dfs.blocksize=" + BLOCK_SIZE,
                  "-put",
                  local.toString(),
                  "/random.bin"),
              COMMAND_TIMEOUT);
      assertThat(put.exitCode()).as(put::describe).isZero();

      Result stat =
          hdfs.run(args("dfs", generic, "-stat", "%r %b", "/random.bin"), COMMAND_TIMEOUT);
      assertThat(stat.stdout().strip())
          .as("replication (from the home's hdfs-site.xml) and length: %s", stat.describe())
          .isEqualTo("2 " + FILE_SIZE);

      Path back = dir.resolve("back.bin");
      Result get =
          hdfs.run(args("dfs", generic, "-get", "/random.bin", back.toString()), COMMAND_TIMEOUT);
      assertThat(get.exitCode()).as(get::describe).isZero();
      assertThat(Files.mismatch(local, back))
          .as("first differing byte, -1 when identical")
          .isEqualTo(-1L);

      // Two copies of each of the 3 blocks on 2 DataNodes: each holds all three. DataNodes report
      // new blocks within seconds, hence the wait.
      awaitJmx(hdfs, httpPort, state, "BlocksTotal", 3);
      String info = awaitLiveNodeBlocks(hdfs, httpPort, List.of(3, 3));
      assertThat(info)
          .as("the NameNode's LiveNodes names both DataNodes' transfer addresses")
          .contains("127.0.0.1:");

      // The UI page from webapps/hdfs, served by the same server as /jmx.
      HttpResponse<String> page = get(httpPort, "/dfshealth.html");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<title>Namenode information</title>");
      started = hdfs.daemons();
    }

    for (Daemon daemon : started) {
      assertThat(daemon.process().isAlive())
          .as("%s still running after SIGTERM", daemon.name())
          .isFalse();
      assertThat(daemon.process().descendants().count())
          .as("%s left child processes", daemon.name())
          .isZero();
    }
    for (int port : List.of(rpcPort, httpPort)) {
      try (ServerSocket socket = new ServerSocket(port)) {
        assertThat(socket.getLocalPort()).as("the NameNode released port %d", port).isEqualTo(port);
      }
    }
  }

  @Test
  void anUnknownCommandPrintsOneLineAndExitsNonZero(@TempDir Path dir) throws Exception {
    try (HdfsHome hdfs = new HdfsHome(HOME, dir)) {
      Result result = hdfs.run(List.of("frobnicate"), COMMAND_TIMEOUT);

      assertThat(result.exitCode()).as(result::describe).isEqualTo(2);
      assertThat(result.stdout()).isEmpty();
      assertThat(result.stderr().lines().toList())
          .singleElement(STRING)
          .startsWith(
              "hdfs: unknown command 'frobnicate'; usage: hdfs namenode [-format] | datanode | dfs");
    }
  }

  /**
   * Polls a NameNode JMX attribute until it has the expected value; fails early if a daemon dies.
   */
  private void awaitJmx(HdfsHome hdfs, int httpPort, String bean, String attribute, long expected)
      throws Exception {
    Pattern value = Pattern.compile("\"" + attribute + "\"\\s*:\\s*(-?\\d+)");
    String last = "";
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      failIfADaemonDied(hdfs);
      last = jmx(httpPort, bean);
      Matcher matcher = value.matcher(last);
      if (matcher.find() && Long.parseLong(matcher.group(1)) == expected) {
        return;
      }
      Thread.sleep(500);
    }
    fail(
        "%s.%s did not reach %d within %s; last answer: %s%n%s",
        bean, attribute, expected, STARTUP_TIMEOUT, last, logs(hdfs));
  }

  /**
   * Polls the NameNode's LiveNodes until the DataNodes hold these block counts; returns the bean.
   */
  private String awaitLiveNodeBlocks(HdfsHome hdfs, int httpPort, List<Integer> expected)
      throws Exception {
    // LiveNodes is a JSON document inside a JSON string, so its quotes arrive escaped.
    Pattern numBlocks = Pattern.compile("\\\\\"numBlocks\\\\\"\\s*:\\s*(\\d+)");
    String bean = "Hadoop:service=NameNode,name=NameNodeInfo";
    String last = "";
    List<Integer> counts = List.of();
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      failIfADaemonDied(hdfs);
      last = jmx(httpPort, bean);
      counts = numBlocks.matcher(last).results().map(m -> Integer.parseInt(m.group(1))).toList();
      if (counts.equals(expected)) {
        return last;
      }
      Thread.sleep(500);
    }
    return fail(
        "blocks per live DataNode stayed %s, expected %s; last answer: %s", counts, expected, last);
  }

  private String jmx(int httpPort, String bean) throws InterruptedException {
    try {
      HttpResponse<String> response = get(httpPort, "/jmx?qry=" + bean);
      return response.statusCode() == 200 ? response.body() : "HTTP " + response.statusCode();
    } catch (IOException notYetListening) {
      return notYetListening.toString();
    }
  }

  private HttpResponse<String> get(int httpPort, String path)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .timeout(Duration.ofSeconds(10))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static void failIfADaemonDied(HdfsHome hdfs) {
    for (Daemon daemon : hdfs.daemons()) {
      if (!daemon.process().isAlive()) {
        fail(
            "%s exited with %d%n%s", daemon.name(), daemon.process().exitValue(), daemon.logTail());
      }
    }
  }

  private static String logs(HdfsHome hdfs) {
    return hdfs.daemons().stream().map(Daemon::logTail).collect(Collectors.joining("\n"));
  }

  /** A command line from words and lists of words. */
  private static List<String> args(Object... parts) {
    List<String> all = new ArrayList<>();
    for (Object part : parts) {
      if (part instanceof List<?> list) {
        list.forEach(word -> all.add((String) word));
      } else {
        all.add((String) part);
      }
    }
    return all;
  }
}
