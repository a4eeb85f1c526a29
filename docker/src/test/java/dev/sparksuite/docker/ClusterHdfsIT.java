package dev.sparksuite.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparksuite.testkit.Command.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The cluster with docker-compose.hdfs.yml: a NameNode and one DataNode in each worker's network
 * namespace. Jobs write to {@code hdfs://hdfs-namenode:8020}, scan tasks run next to their blocks,
 * and a DataNode that dies takes no data with it (two copies of every block).
 */
@TestMethodOrder(OrderAnnotation.class)
class ClusterHdfsIT {

  private static final long CLASS_START = System.nanoTime();
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
  private static final String NAMENODE = "hdfs://hdfs-namenode:8020";
  private static final String NAMENODE_JMX = "http://127.0.0.1:9870/jmx?qry=Hadoop:service=NameNode,name=";
  private static final String HDFS = "/opt/hadoop/bin/hdfs";
  private static final String LESSON = "dev.sparksuite.cluster.HdfsLocalityExample";
  private static final String DATASET = "/lessons/locality";
  private static final Pattern LOCALITY = Pattern.compile("LOCALITY wait=(\\S+) tasks=(\\d+) PROCESS_LOCAL=(\\d+) "
      + "NODE_LOCAL=(\\d+) RACK_LOCAL=(\\d+) ANY=(\\d+) onBlockHost=(\\d+) nodeLocalOrBetter=(\\S+)%");
  /** A row of the lesson's split table: file, start KiB, rows, the block's replica hosts, the host that ran it. */
  private static final Pattern SPLIT = Pattern.compile(
      "^  (part-\\S+) +(\\d+) +(\\d+)  ((?:spark-worker-\\d ?)+) +(\\S+)(  \\(remote read\\))?$");

  private static ComposeCluster cluster;
  private static Duration hdfsUp;

  /** One scan of the lesson: its LOCALITY line's figures and its split rows. */
  private record LessonScan(String localityWait, int tasks, int nodeLocalOrBetter, int any, int onBlockHost,
      List<String[]> splits) {}

  @BeforeAll
  static void bringUpTheClusterWithHdfs() throws Exception {
    Path hdfs = TestSettings.path("sparksuite.dockerDir").resolve("../hadoop-home/target/hadoop-home/bin/hdfs");
    if (!Files.isExecutable(hdfs)) {
      throw new IllegalStateException(hdfs.normalize() + " is missing: build it with ./mvnw -B -pl hadoop-home package");
    }
    long start = System.nanoTime();
    cluster = ComposeCluster.start(Map.of(), "docker-compose.yml", "docker-compose.hdfs.yml");
    awaitLiveDataNodes(3, Duration.ofMinutes(2));
    hdfsUp = Duration.ofNanos(System.nanoTime() - start);
    TestSettings.log("cluster with HDFS up in %.1f s (3 workers ALIVE, 3 DataNodes live)", hdfsUp.toMillis() / 1e3);
  }

  @AfterAll
  static void tearDown() throws Exception {
    TestSettings.closeAndLogTime(cluster, ClusterHdfsIT.class, CLASS_START);
  }

  /** The NameNode names each DataNode after the worker whose network it shares: the name executors report. */
  @Test
  @Order(1)
  void theNameNodeListsThreeLiveDataNodesNamedAfterTheWorkers() throws Exception {
    JsonNode info = bean("NameNodeInfo");
    JsonNode live = new ObjectMapper().readTree(info.path("LiveNodes").asText());
    TreeSet<String> hosts = new TreeSet<>();
    live.fieldNames().forEachRemaining(name -> hosts.add(name.substring(0, name.lastIndexOf(':'))));

    TestSettings.log("live DataNodes: %s; safe mode: '%s'", hosts, info.path("Safemode").asText());
    assertThat(bean("FSNamesystemState").path("NumLiveDataNodes").asInt()).isEqualTo(3);
    assertThat(hosts).containsExactlyElementsOf(ComposeCluster.WORKERS);
    assertThat(info.path("Safemode").asText()).as("out of safe mode").isEmpty();
  }

  @Test
  @Order(2)
  void theClusterJobPublishesItsResultsOnHdfsInTwoCopies() throws Exception {
    Result run = ClusterJobs.submit(cluster, ComposeCluster.MASTER_URL, "--records", "100000",
        "--wait-for-executors", "3", "--output", NAMENODE + "/results/cluster-job").await(JOB_TIMEOUT);
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout()).contains(ClusterJobs.SELF_CHECK_PASSED);

    Result listing = hdfs("dfs", "-ls", "-R", "/results");
    TestSettings.log("hdfs dfs -ls -R /results:%n%s", listing.stdout().strip());
    assertThat(listing.exitCode()).as(listing.describe()).isZero();
    List<String> files = listing.stdout().lines().filter(l -> l.startsWith("-")).toList();
    assertThat(files).as("published tables, nothing staged or aside left")
        .anySatisfy(l -> assertThat(l).endsWith("/_SUCCESS"))
        .anySatisfy(l -> assertThat(l).endsWith(".parquet"))
        .noneSatisfy(l -> assertThat(l).contains("/.cluster-job-"));
    // The second column of `ls` is the file's replication.
    assertThat(files).extracting(l -> l.trim().split("\\s+")[1]).as("replication of every file").containsOnly("2");
  }

  @Test
  @Order(3)
  void theLocalityLessonsScanRunsNodeLocalOnTheHostsHoldingItsBlocks() throws Exception {
    Result run = cluster.startSubmit(ComposeCluster.MASTER_URL, List.of("--conf", "spark.ui.showConsoleProgress=false",
        "--class", LESSON, ClusterJobs.JAR, NAMENODE + DATASET)).await(JOB_TIMEOUT);
    assertThat(run.exitCode()).as(run.describe()).isZero();
    String wrote = run.stdout().lines().filter(l -> l.startsWith("wrote ")).findFirst().orElseThrow();
    List<LessonScan> scans = scans(run.stdout());
    LessonScan waiting = scans.get(0);
    LessonScan eager = scans.get(1);

    TestSettings.log("%s", wrote);
    for (LessonScan scan : scans) {
      TestSettings.log("scan with spark.locality.wait=%s: %d of %d tasks NODE_LOCAL or better (%.1f%%), %d ANY, "
          + "%d on a host holding their block", scan.localityWait(), scan.nodeLocalOrBetter(), scan.tasks(),
          100.0 * scan.nodeLocalOrBetter() / scan.tasks(), scan.any(), scan.onBlockHost());
    }
    TestSettings.log("%s", run.stdout().lines().filter(l -> l.startsWith("what this shows:")).findFirst().orElse(""));

    assertThat(waiting.localityWait()).isEqualTo("3s");
    assertThat(eager.localityWait()).isEqualTo("0");
    // Several blocks per DataNode: every worker holds replicas of at least 4 blocks.
    assertThat(Pattern.compile("spark-worker-\\d=(\\d+)").matcher(wrote).results()
        .map(m -> Integer.parseInt(m.group(1)))).as(wrote).hasSize(3).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(4));
    // One task per block; a task whose split holds no row group's midpoint reads no rows and is not listed.
    assertThat(waiting.splits()).as("splits that returned rows").isNotEmpty().hasSizeLessThanOrEqualTo(waiting.tasks());
    assertThat(waiting.nodeLocalOrBetter()).as("NODE_LOCAL or better with the default wait")
        .isGreaterThanOrEqualTo((int) Math.ceil(0.8 * waiting.tasks()));
    // Spark's verdict agrees with the NameNode's block locations: only a task Spark ran ANY read its block remotely.
    for (LessonScan scan : scans) {
      assertThat(scan.splits().size() - scan.onBlockHost()).as("remote reads, wait %s", scan.localityWait())
          .isLessThanOrEqualTo(scan.any());
    }
    assertThat(waiting.splits()).filteredOn(s -> s[5] == null)
        .allSatisfy(s -> assertThat(s[3].split(" ")).as("replica hosts of %s @ %s KiB", s[0], s[1]).contains(s[4]));
  }

  /**
   * Two copies of every block: with one DataNode gone, every byte of the dataset still reads back,
   * identical, from the other copy.
   */
  @Test
  @Order(4)
  void aDataNodeThatDiesLosesNoData() throws Exception {
    String read = HDFS + " dfs -cat '" + DATASET + "/*.parquet' '/results/cluster-job/*/*.parquet'"
        + " | md5sum";
    Result before = cluster.compose("exec", "-T", "spark-client", "bash", "-c", "set -o pipefail; " + read);
    assertThat(before.exitCode()).as(before.describe()).isZero();

    Result kill = cluster.compose("kill", "-s", "SIGKILL", "hdfs-datanode-3");
    assertThat(kill.exitCode()).as(kill.describe()).isZero();
    Result after = cluster.compose("exec", "-T", "spark-client", "bash", "-c", "set -o pipefail; " + read);

    TestSettings.log("md5 of every dataset file before and after hdfs-datanode-3 died: %s / %s",
        before.stdout().strip(), after.stdout().strip());
    assertThat(cluster.docker("inspect", "-f", "{{.State.Running}}", cluster.containerId("hdfs-datanode-3"))
        .stdout().strip()).as("the DataNode stays dead").isEqualTo("false");
    assertThat(after.exitCode()).as(after.describe()).isZero();
    assertThat(after.stdout()).isEqualTo(before.stdout());
  }

  private static List<LessonScan> scans(String stdout) {
    List<LessonScan> scans = new ArrayList<>();
    List<String[]> splits = new ArrayList<>();
    for (String line : stdout.lines().toList()) {
      Matcher split = SPLIT.matcher(line);
      Matcher locality = LOCALITY.matcher(line);
      if (split.matches()) {
        splits.add(new String[] {split.group(1), split.group(2), split.group(3), split.group(4).strip(),
            split.group(5), split.group(6)});
      } else if (locality.matches()) {
        int tasks = Integer.parseInt(locality.group(2));
        int local = Integer.parseInt(locality.group(3)) + Integer.parseInt(locality.group(4));
        scans.add(new LessonScan(locality.group(1), tasks, local, Integer.parseInt(locality.group(6)),
            Integer.parseInt(locality.group(7)), List.copyOf(splits)));
        splits.clear();
      }
    }
    assertThat(scans).as("two LOCALITY lines in:%n%s", stdout).hasSize(2);
    return scans;
  }

  private static Result hdfs(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("exec", "-T", "spark-client", HDFS));
    command.addAll(List.of(args));
    return cluster.compose(command.toArray(String[]::new));
  }

  private static JsonNode bean(String name) throws Exception {
    return cluster.getJson(NAMENODE_JMX + name).path("beans").path(0);
  }

  private static void awaitLiveDataNodes(int dataNodes, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer yet";
    while (System.nanoTime() < deadline) {
      try {
        int live = bean("FSNamesystemState").path("NumLiveDataNodes").asInt();
        if (live >= dataNodes) {
          return;
        }
        last = live + " live";
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException("the NameNode did not list " + dataNodes + " live DataNodes within " + timeout
        + " (" + last + ")");
  }
}
