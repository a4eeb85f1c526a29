package dev.sparksuite.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparksuite.docker.ComposeCluster.Submission;
import dev.sparksuite.testkit.ClusterTier;
import dev.sparksuite.testkit.Command;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The cluster with docker-compose.hdfs.yml: a NameNode and one DataNode in each worker's network
 * namespace. Jobs write to {@code hdfs://hdfs-namenode:8020}, scan tasks run next to their blocks,
 * and a DataNode that dies takes no data with it (two copies of every block). Each test writes
 * under a path of its own and leaves three live DataNodes behind it, so none depends on another.
 */
@ClusterTier
class ClusterHdfsIT {

  private static final long CLASS_START = System.nanoTime();
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
  private static final String NAMENODE = "hdfs://hdfs-namenode:8020";
  private static final String NAMENODE_JMX =
      "http://127.0.0.1:9870/jmx?qry=Hadoop:service=NameNode,name=";
  private static final String HDFS = "/opt/hadoop/bin/hdfs";
  private static final String LESSON = ClusterJobs.LESSONS_PACKAGE + "HdfsLocalityExample";
  private static final long LESSON_ROWS = 1_000_000;
  private static final long ID_SUM = LESSON_ROWS * (LESSON_ROWS - 1) / 2;
  private static final Pattern LOCALITY =
      Pattern.compile(
          "LOCALITY wait=(\\S+) tasks=(\\d+) PROCESS_LOCAL=(\\d+) "
              + "NODE_LOCAL=(\\d+) RACK_LOCAL=(\\d+) ANY=(\\d+) onBlockHost=(\\d+) nodeLocalOrBetter=(\\S+)% rows=(\\d+) idSum=(\\d+)");

  /**
   * A row of the lesson's split table: file, start KiB, rows, the block's replica hosts, the host
   * that ran it.
   */
  private static final Pattern SPLIT =
      Pattern.compile(
          "^  (part-\\S+) +(\\d+) +(\\d+)  ((?:spark-worker-\\d ?)+) +(\\S+)(  \\(remote read\\))?$");

  private static ComposeCluster cluster;
  private static Duration hdfsUp;

  /** One scan of the lesson: its LOCALITY line's figures and its split rows. */
  private record LessonScan(
      String localityWait,
      int tasks,
      int nodeLocalOrBetter,
      int any,
      int onBlockHost,
      long rows,
      long idSum,
      List<String[]> splits) {}

  @BeforeAll
  static void bringUpTheClusterWithHdfs() throws Exception {
    Path hdfs =
        TestSettings.path("sparksuite.dockerDir")
            .resolve("../hadoop-home/target/hadoop-home/bin/hdfs");
    if (!Files.isExecutable(hdfs)) {
      throw new IllegalStateException(
          hdfs.normalize() + " is missing: build it with ./mvnw -B -pl hadoop-home package");
    }
    long start = System.nanoTime();
    cluster = TestClusters.fresh(Map.of(), "docker-compose.yml", "docker-compose.hdfs.yml");
    awaitLiveDataNodes(3, Duration.ofMinutes(2));
    hdfsUp = Duration.ofNanos(System.nanoTime() - start);
    TestSettings.log(
        "cluster with HDFS up in %.1f s (3 workers ALIVE, 3 DataNodes live)",
        hdfsUp.toMillis() / 1e3);
  }

  @AfterAll
  static void tearDown() throws Exception {
    TestSettings.closeAndLogTime(cluster, ClusterHdfsIT.class, CLASS_START);
  }

  /**
   * The NameNode names each DataNode after the worker whose network it shares: the name executors
   * report.
   */
  @Test
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

  /**
   * The job publishes on HDFS (its rename-aside swap is atomic there), every file in two copies; a
   * second application, submitted with {@code docker/submit}, reads the tables back and finds them
   * equal to the closed form, which the first passed before publishing; the Parquet inspector reads
   * a table by its {@code hdfs://} path.
   */
  @Test
  void theClusterJobPublishesOnHdfsInTwoCopiesAndASecondJobReadsItsResultsBackEqual()
      throws Exception {
    String results = NAMENODE + "/results/cluster-job";
    Result run =
        ClusterJobs.submit(
                cluster,
                ComposeCluster.MASTER_URL,
                "--records",
                "100000",
                "--wait-for-executors",
                "3",
                "--output",
                results)
            .await(JOB_TIMEOUT);
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout()).contains(ClusterJobs.SELF_CHECK_PASSED);

    Result listing = hdfs("dfs", "-ls", "-R", "/results");
    TestSettings.log("hdfs dfs -ls -R /results:%n%s", listing.stdout().strip());
    assertThat(listing.exitCode()).as(listing.describe()).isZero();
    List<String> files = listing.stdout().lines().filter(l -> l.startsWith("-")).toList();
    assertThat(files)
        .as("every table published whole, nothing staged or aside left")
        .noneSatisfy(l -> assertThat(l).contains("/.cluster-job-"));
    for (String table :
        List.of(
            "category_quantities",
            "category_stats",
            "region_totals",
            "top_per_category",
            "partition_spread")) {
      assertThat(files)
          .as(table)
          .anySatisfy(l -> assertThat(l).endsWith("/" + table + "/_SUCCESS"))
          .anySatisfy(l -> assertThat(l).contains("/" + table + "/part-").endsWith(".parquet"));
    }
    // The second column of `ls` is the file's replication.
    assertThat(files)
        .extracting(l -> l.trim().split("\\s+")[1])
        .as("replication of every file")
        .containsOnly("2");

    // Through docker/submit, as the README shows it with the HDFS override.
    Result readBack =
        ClusterJobs.dockerSubmit(
            Map.of("COMPOSE_FILE", "docker-compose.yml:docker-compose.hdfs.yml"),
            JOB_TIMEOUT,
            "cluster-job",
            "ReadBackCheck",
            results,
            "100000");
    TestSettings.log("%s", readBack.stdout().strip());
    assertThat(readBack.exitCode()).as(readBack.describe()).isZero();
    assertThat(readBack.stdout())
        .contains(
            "10 category quantities, 10 category stats, 5 region totals, 30 top records",
            "Read back: PASSED");

    verifyOnHdfs("parquet", "ParquetInspect", results + "/category_stats", "1 file(s), 10 rows");
  }

  @Test
  void theLocalityLessonsScanRunsNodeLocalOnTheHostsHoldingItsBlocks() throws Exception {
    Result run = localityLesson("/lessons/locality").await(JOB_TIMEOUT);
    assertThat(run.exitCode()).as(run.describe()).isZero();
    String wrote =
        run.stdout().lines().filter(l -> l.startsWith("wrote ")).findFirst().orElseThrow();
    List<LessonScan> scans = scans(run.stdout());
    LessonScan waiting = scans.get(0);
    LessonScan eager = scans.get(1);

    TestSettings.log("%s", wrote);
    for (LessonScan scan : scans) {
      TestSettings.log(
          "scan with spark.locality.wait=%s: %d of %d tasks NODE_LOCAL or better (%.1f%%), %d ANY, "
              + "%d on a host holding their block",
          scan.localityWait(),
          scan.nodeLocalOrBetter(),
          scan.tasks(),
          100.0 * scan.nodeLocalOrBetter() / scan.tasks(),
          scan.any(),
          scan.onBlockHost());
    }
    TestSettings.log(
        "%s",
        run.stdout().lines().filter(l -> l.startsWith("what this shows:")).findFirst().orElse(""));

    assertThat(waiting.localityWait()).isEqualTo("3s");
    assertThat(eager.localityWait()).isEqualTo("0");
    // Several blocks per DataNode: every worker holds replicas of at least 4 blocks.
    assertThat(
            Pattern.compile("spark-worker-\\d=(\\d+)")
                .matcher(wrote)
                .results()
                .map(m -> Integer.parseInt(m.group(1))))
        .as(wrote)
        .hasSize(3)
        .allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(4));
    // One task per block; a task whose split holds no row group's midpoint reads no rows and is not
    // listed.
    assertThat(waiting.splits())
        .as("splits that returned rows")
        .isNotEmpty()
        .hasSizeLessThanOrEqualTo(waiting.tasks());
    assertThat(waiting.nodeLocalOrBetter())
        .as("NODE_LOCAL or better with the default wait")
        .isGreaterThanOrEqualTo((int) Math.ceil(0.8 * waiting.tasks()));
    // Spark's verdict (the scheduler's locality level) agrees with the NameNode's block locations
    // (the lesson's split table): the splits read off their block's hosts are no more than the
    // tasks Spark ran ANY.
    for (LessonScan scan : scans) {
      assertThat(scan.rows())
          .as("rows out of the scan, wait %s", scan.localityWait())
          .isEqualTo(LESSON_ROWS);
      assertThat(scan.idSum()).as("every id once, wait %s", scan.localityWait()).isEqualTo(ID_SUM);
      assertThat(scan.splits().size() - scan.onBlockHost())
          .as("remote reads, wait %s", scan.localityWait())
          .isLessThanOrEqualTo(scan.any());
    }
  }

  /**
   * Two copies of every block: a DataNode killed while the lesson reads the dataset costs no row.
   * The first scan starts right after the lesson prints what it wrote, and the DataNode dies then,
   * as that scan begins (usually before it ends: the test logs whether it did); the second scan, a
   * new application, always runs with it dead. Both read every row, and the same rows. The DataNode
   * is started again at the end.
   */
  @Test
  void aDataNodeKilledMidScanCostsNoRow() throws Exception {
    // One docker call at the moment: the scan the kill must precede lasts a few seconds.
    String dataNode = cluster.containerId("hdfs-datanode-3");
    Submission lesson = localityLesson("/lessons/datanode-killed");
    ClusterJobs.awaitOutput(lesson, "wrote ", JOB_TIMEOUT);
    Result kill = cluster.docker("kill", "-s", "KILL", dataNode);
    String atKill = lesson.stdoutSoFar();
    Result run = lesson.await(JOB_TIMEOUT);
    try {
      assertThat(kill.exitCode()).as(kill.describe()).isZero();
      // Which scans ran with the DataNode dead is read from the output, not bet on: the kill
      // comes as the first scan begins, and the second scan, a new application, starts after it.
      long scansBeforeTheKill = atKill.lines().filter(l -> l.startsWith("LOCALITY")).count();
      assertThat(scansBeforeTheKill)
          .as("scans that had printed their result when the DataNode died:%n%s", atKill)
          .isLessThan(2);
      assertThat(cluster.docker("inspect", "-f", "{{.State.Running}}", dataNode).stdout().strip())
          .as("the DataNode stayed dead through both scans")
          .isEqualTo("false");
      assertThat(run.exitCode()).as(run.describe()).isZero();
      List<LessonScan> scans = scans(run.stdout());
      TestSettings.log(
          "hdfs-datanode-3 killed as the first scan began (%s); rows out of the two scans %d and"
              + " %d, ids summing to %d and %d",
          scansBeforeTheKill == 0
              ? "both scans ran with it dead"
              : "only the second ran with it dead",
          scans.get(0).rows(),
          scans.get(1).rows(),
          scans.get(0).idSum(),
          scans.get(1).idSum());
      assertThat(scans).extracting(LessonScan::rows).containsExactly(LESSON_ROWS, LESSON_ROWS);
      assertThat(scans)
          .extracting(LessonScan::idSum)
          .as("every id once: 0 + 1 + … + (n - 1)")
          .containsExactly(ID_SUM, ID_SUM);
    } finally {
      Result start = cluster.compose("start", "hdfs-datanode-3");
      assertThat(start.exitCode()).as(start.describe()).isZero();
      // The NameNode may still count the killed DataNode as live (50 s without heartbeats): the
      // restarted one's own healthcheck says when it has registered.
      assertThat(cluster.awaitHealth("hdfs-datanode-3", "healthy", Duration.ofMinutes(2)))
          .as("the restarted DataNode's healthcheck")
          .isEqualTo("healthy");
      awaitLiveDataNodes(3, Duration.ofMinutes(2));
    }
  }

  /**
   * A DataNode shares its worker's network namespace, which goes when the worker's container
   * restarts: the worker's JVM killed, the restart policy brings the worker back, and the DataNode,
   * left with loopback only, turns unhealthy, ends itself and is restarted into the worker's new
   * namespace. Within 60 s of the worker being ALIVE again the NameNode hears from it, new blocks
   * land on it, and the locality lesson reads its blocks there.
   */
  @Test
  void aWorkerKilledCutsItsDataNodeOffTheNetworkAndBothComeBack() throws Exception {
    String worker = cluster.containerId("spark-worker-2");
    String dataNode = cluster.containerId("hdfs-datanode-2");
    int workerRestarts = restarts(worker);
    int dataNodeRestarts = restarts(dataNode);
    // Docker keeps few past events (the healthchecks' exec events crowd them out): the DataNode's
    // health changes are followed as they happen.
    Command.Running health =
        Command.start(
            List.of(
                "docker",
                "events",
                "--filter",
                "container=" + dataNode,
                "--filter",
                "event=health_status",
                "--format",
                "{{.Status}}"),
            Map.of());

    Result kill = cluster.signal("spark-worker-2", "KILL", "deploy.worker.Worker");
    assertThat(kill.exitCode()).as(kill.describe()).isZero();
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (restarts(worker) == workerRestarts && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    assertThat(restarts(worker))
        .as("the worker's container restarted")
        .isGreaterThan(workerRestarts);
    cluster.awaitAliveWorkers(3, Duration.ofMinutes(2));
    long workerBack = System.nanoTime();

    long heard =
        awaitHeartbeat("spark-worker-2", dataNodeRestarts, dataNode, Duration.ofMinutes(3));
    double seconds = (heard - workerBack) / 1e9;
    String healthEvents = health.stdoutSoFar();
    try {
      health.await(Duration.ofMillis(1));
    } catch (IllegalStateException stillFollowing) {
      // docker events runs until stopped: stopping it is the point.
    }
    TestSettings.log(
        "spark-worker-2's JVM killed: the worker ALIVE again, its DataNode restarted %d time(s) and"
            + " heard by the NameNode %.1f s later; health events: %s",
        restarts(dataNode) - dataNodeRestarts, seconds, healthEvents.lines().toList());

    assertThat(healthEvents).as("cut off, the DataNode's check failed").contains("unhealthy");
    assertThat(restarts(dataNode))
        .as("the DataNode ended itself and was restarted")
        .isGreaterThan(dataNodeRestarts);
    assertThat(seconds).as("from the worker ALIVE to the DataNode's heartbeat").isLessThan(60);

    Result run = localityLesson("/lessons/after-worker-restart").await(JOB_TIMEOUT);
    assertThat(run.exitCode()).as(run.describe()).isZero();
    List<String[]> onWorker2 =
        scans(run.stdout()).get(0).splits().stream()
            .filter(split -> split[3].contains("spark-worker-2"))
            .toList();
    assertThat(onWorker2)
        .as("splits with a replica on spark-worker-2: new blocks land there")
        .isNotEmpty();
    assertThat(onWorker2)
        .as("a split read where its block is, on spark-worker-2")
        .anySatisfy(
            split -> {
              assertThat(split[4]).isEqualTo("spark-worker-2");
              assertThat(split[5]).isNull();
            });
  }

  private static int restarts(String container) throws Exception {
    return Integer.parseInt(
        cluster.docker("inspect", "-f", "{{.RestartCount}}", container).stdout().strip());
  }

  /**
   * Waits until the DataNode's container has restarted and the NameNode last heard from the
   * DataNode on that host at most 3 s ago; returns when (System.nanoTime).
   */
  private static long awaitHeartbeat(
      String host, int restartsBefore, String dataNode, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer yet";
    while (System.nanoTime() < deadline) {
      if (restarts(dataNode) > restartsBefore) {
        JsonNode live =
            new ObjectMapper().readTree(bean("NameNodeInfo").path("LiveNodes").asText());
        for (var node : (Iterable<Map.Entry<String, JsonNode>>) live::fields) {
          if (node.getKey().startsWith(host + ":")) {
            long lastContact = node.getValue().path("lastContact").asLong(Long.MAX_VALUE);
            if (lastContact <= 3) {
              return System.nanoTime();
            }
            last = "last contact " + lastContact + " s ago";
          }
        }
      } else {
        last = "the DataNode's container has not restarted";
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException(
        "the NameNode did not hear from "
            + host
            + "'s DataNode within "
            + timeout
            + " ("
            + last
            + ")");
  }

  /**
   * One lesson of each format jar on the cluster, through {@code docker/submit} with its output on
   * HDFS: the native lesson, where the format library's writer and reader in the driver and Spark's
   * executors on the workers meet in the same files (the line checked needs both sides). Its files
   * are on HDFS and not on the volume the nodes share, and the module's inspector verifies the
   * directory Spark wrote by its {@code hdfs://} path. Every other lesson runs from the same jar in
   * the format module's {@code *LessonsSubmitIT}, with its output on an HDFS too.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "parquet | NativeParquetExample | ParquetInspect | 5 | written by Spark,"
            + " read natively: [Order[id=0, country=DE, amount=1.0]",
        "orc | NativeOrcExample | OrcInspect | 5 | written by Spark, read"
            + " natively: [Order[id=0, country=DE, amount=1.0]",
        "avro | NativeAvroExample | AvroInspect | 3 | Spark write, specific"
            + " read:   [{\"id\": 0, \"country\": \"DE\""
      })
  void aLessonOfEachFormatRunsOnTheClusterWithItsOutputOnHdfs(
      String format, String lesson, String inspector, int rows, String nativeLine)
      throws Exception {
    String output = NAMENODE + "/lessons/" + format + "/" + lesson;
    Result run =
        ClusterJobs.dockerSubmit(
            Map.of(
                "COMPOSE_FILE",
                "docker-compose.yml:docker-compose.hdfs.yml",
                "SPARK_OUTPUT_ROOT",
                NAMENODE + "/lessons/" + format),
            JOB_TIMEOUT,
            format,
            lesson);
    TestSettings.log(
        "%s %s on the cluster, output on HDFS: exit %d in %.1f s",
        format, lesson, run.exitCode(), run.elapsed().toMillis() / 1e3);
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stderr()).contains("writes to " + output);
    assertThat(run.stdout()).as(run.describe()).contains(nativeLine).contains("what this shows: ");

    assertThat(lessonFilesOnHdfs(format + "/" + lesson))
        .as("the lesson's files on HDFS")
        .contains("/lessons/" + format + "/" + lesson + "/spark-orders/_SUCCESS")
        .contains("/lessons/" + format + "/" + lesson + "/spark-orders/part-");
    Result local = cluster.compose("exec", "-T", "spark-client", "ls", "/opt/spark-data/" + lesson);
    assertThat(local.exitCode())
        .as("nothing on the shared volume: %s", local.describe())
        .isNotZero();
    verifyOnHdfs(format, inspector, output + "/spark-orders", "1 file(s), " + rows + " rows");
  }

  /**
   * A pipeline fitted across the three workers (every loss evaluation of its regression ran tasks
   * on each of them) is saved to HDFS; a second application, given only the directory, loads it and
   * scores the held-out rows exactly as the application that fitted it.
   */
  @Test
  void aPipelineSavedOnHdfsIsServedByASecondApplication() throws Exception {
    Map<String, String> environment =
        Map.of(
            "COMPOSE_FILE",
            "docker-compose.yml:docker-compose.hdfs.yml",
            "SPARK_OUTPUT_ROOT",
            NAMENODE + "/lessons/ml");
    Result fit =
        ClusterJobs.dockerSubmit(
            environment, JOB_TIMEOUT, "cluster-lessons", "ModelPersistenceExample");
    assertThat(fit.exitCode()).as(fit.describe()).isZero();
    Matcher training =
        Pattern.compile(
                "training: (\\d+) loss evaluations; their tasks per host: \\{([^}]*)\\}; "
                    + "evaluations with tasks on every host: (\\d+) of (\\d+)")
            .matcher(fit.stdout());
    assertThat(training.find()).as(fit.describe()).isTrue();
    TestSettings.log(
        "ModelPersistenceExample's training on the cluster: %s loss evaluations, tasks per host {%s}",
        training.group(1), training.group(2));
    assertThat(Stream.of(training.group(2).split(", ")).map(e -> e.substring(0, e.indexOf('='))))
        .as("the hosts that ran the loss evaluations")
        .containsExactlyInAnyOrderElementsOf(ComposeCluster.WORKERS);
    assertThat(training.group(3)).as("evaluations on every worker").isEqualTo(training.group(4));
    assertThat(Integer.parseInt(training.group(1))).isGreaterThan(1);
    assertThat(lessonFilesOnHdfs("ml/ModelPersistenceExample/model"))
        .contains("/lessons/ml/ModelPersistenceExample/model/metadata/part-")
        .containsPattern("/model/stages/3_logreg_\\w+/data/part-\\S+\\.parquet");

    Result serve =
        ClusterJobs.dockerSubmit(
            environment,
            JOB_TIMEOUT,
            "cluster-lessons",
            "ModelServingExample",
            NAMENODE + "/lessons/ml/ModelPersistenceExample");
    TestSettings.log(
        "ModelPersistenceExample then ModelServingExample on the cluster: %.1f s and %.1f s; %s",
        fit.elapsed().toMillis() / 1e3,
        serve.elapsed().toMillis() / 1e3,
        serve.stdout().lines().filter(l -> l.startsWith("served: ")).findFirst().orElse(""));
    assertThat(serve.exitCode()).as(serve.describe()).isZero();
    Matcher served =
        Pattern.compile(
                "served: ([\\d,]+) rows scored by the loaded model, ([\\d,]+) compared "
                    + "with the fitted model's predictions, (\\d+) differ")
            .matcher(serve.stdout());
    assertThat(served.find()).as(serve.describe()).isTrue();
    assertThat(served.group(1)).isNotEqualTo("0").isEqualTo(served.group(2));
    assertThat(served.group(3)).isEqualTo("0");
  }

  /** {@code hdfs dfs -ls -R} of a lesson's output directory under {@code /lessons}. */
  private static String lessonFilesOnHdfs(String lesson) throws Exception {
    Result listing = hdfs("dfs", "-ls", "-R", "/lessons/" + lesson);
    assertThat(listing.exitCode()).as(listing.describe()).isZero();
    return listing.stdout();
  }

  /**
   * Runs a format module's inspector with {@code --verify} on an {@code hdfs://} directory, through
   * spark-submit on {@code local[1]} in the client container, and checks it names the directory's
   * part files and totals them as expected (e.g. {@code 1 file(s), 5 rows}).
   */
  private static void verifyOnHdfs(String format, String inspector, String onHdfs, String total)
      throws Exception {
    Result inspect =
        cluster
            .startSubmit(
                "local[1]",
                List.of(
                    "--class",
                    "dev.sparksuite." + format + "." + inspector,
                    "/opt/spark-apps/formats-" + format + ".jar",
                    "--verify",
                    onHdfs))
            .await(JOB_TIMEOUT);
    TestSettings.log(
        "%s --verify %s: %s",
        inspector,
        onHdfs,
        inspect
            .stdout()
            .lines()
            .filter(l -> l.startsWith("total:"))
            .findFirst()
            .orElse("no total line"));
    assertThat(inspect.exitCode()).as(inspect.describe()).isZero();
    assertThat(inspect.stdout())
        .as(inspect.describe())
        .contains(onHdfs + "/part-")
        .containsPattern("total: +" + Pattern.quote(total) + ", ");
  }

  /** The locality lesson on a path of its own: 1,000,000 rows in 4 files of 1 MiB blocks. */
  private static Submission localityLesson(String path) throws IOException {
    return cluster.startSubmit(
        ComposeCluster.MASTER_URL,
        List.of(
            "--conf",
            "spark.ui.showConsoleProgress=false",
            "--class",
            LESSON,
            ClusterJobs.LESSONS_JAR,
            NAMENODE + path,
            Long.toString(LESSON_ROWS)));
  }

  private static List<LessonScan> scans(String stdout) {
    List<LessonScan> scans = new ArrayList<>();
    List<String[]> splits = new ArrayList<>();
    for (String line : stdout.lines().toList()) {
      Matcher split = SPLIT.matcher(line);
      Matcher locality = LOCALITY.matcher(line);
      if (split.matches()) {
        splits.add(
            new String[] {
              split.group(1),
              split.group(2),
              split.group(3),
              split.group(4).strip(),
              split.group(5),
              split.group(6)
            });
      } else if (locality.matches()) {
        int tasks = Integer.parseInt(locality.group(2));
        int local = Integer.parseInt(locality.group(3)) + Integer.parseInt(locality.group(4));
        scans.add(
            new LessonScan(
                locality.group(1),
                tasks,
                local,
                Integer.parseInt(locality.group(6)),
                Integer.parseInt(locality.group(7)),
                Long.parseLong(locality.group(9)),
                Long.parseLong(locality.group(10)),
                List.copyOf(splits)));
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
    throw new IllegalStateException(
        "the NameNode did not list "
            + dataNodes
            + " live DataNodes within "
            + timeout
            + " ("
            + last
            + ")");
  }
}
