package dev.sparksuite.hadoop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import dev.sparksuite.testkit.Command.Result;
import dev.sparksuite.testkit.HdfsHome;
import dev.sparksuite.testkit.HdfsHome.Daemon;
import dev.sparksuite.testkit.LocalHdfs;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
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

  @Test
  void storesAFileInTwoCopiesOnTwoDataNodesAndReadsItBackIdentical(@TempDir Path dir)
      throws Exception {
    byte[] data = new byte[FILE_SIZE];
    new Random(15).nextBytes(data);
    Path local = Files.write(dir.resolve("random.bin"), data);

    List<Daemon> started;
    int rpcPort;
    int httpPort;
    try (LocalHdfs hdfs = LocalHdfs.start(dir, 2)) {
      rpcPort = hdfs.rpcPort();
      httpPort = hdfs.httpPort();
      assertThat(dir.resolve("name/current/VERSION"))
          .as("the formatted NameNode's storage")
          .exists();

      Result put =
          hdfs.dfs("-D", "dfs.blocksize=" + BLOCK_SIZE, "-put", local.toString(), "/random.bin");
      assertThat(put.exitCode()).as(put::describe).isZero();

      Result stat = hdfs.dfs("-stat", "%r %b", "/random.bin");
      assertThat(stat.stdout().strip())
          .as("replication (from the home's hdfs-site.xml) and length: %s", stat.describe())
          .isEqualTo("2 " + FILE_SIZE);

      Path back = dir.resolve("back.bin");
      Result get = hdfs.dfs("-get", "/random.bin", back.toString());
      assertThat(get.exitCode()).as(get::describe).isZero();
      assertThat(Files.mismatch(local, back))
          .as("first differing byte, -1 when identical")
          .isEqualTo(-1L);

      // Two copies of each of the 3 blocks on 2 DataNodes: each holds all three. DataNodes report
      // new blocks within seconds, hence the wait.
      hdfs.awaitJmx("Hadoop:service=NameNode,name=FSNamesystemState", "BlocksTotal", 3);
      String info = awaitLiveNodeBlocks(hdfs, List.of(3, 3));
      assertThat(info)
          .as("the NameNode's LiveNodes names both DataNodes' transfer addresses")
          .contains("127.0.0.1:");

      // The UI page from webapps/hdfs, served by the same server as /jmx.
      HttpResponse<String> page = hdfs.get("/dfshealth.html");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<title>Namenode information</title>");
      started = hdfs.daemons();
    }

    assertThat(started).hasSize(3);
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
   * Polls the NameNode's LiveNodes until the DataNodes hold these block counts; returns the bean.
   */
  private static String awaitLiveNodeBlocks(LocalHdfs hdfs, List<Integer> expected)
      throws Exception {
    // LiveNodes is a JSON document inside a JSON string, so its quotes arrive escaped.
    Pattern numBlocks = Pattern.compile("\\\\\"numBlocks\\\\\"\\s*:\\s*(\\d+)");
    String last = "";
    List<Integer> counts = List.of();
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      hdfs.failIfADaemonDied();
      last = hdfs.jmx("Hadoop:service=NameNode,name=NameNodeInfo");
      counts = numBlocks.matcher(last).results().map(m -> Integer.parseInt(m.group(1))).toList();
      if (counts.equals(expected)) {
        return last;
      }
      Thread.sleep(500);
    }
    return fail(
        "blocks per live DataNode stayed %s, expected %s; last answer: %s", counts, expected, last);
  }
}
