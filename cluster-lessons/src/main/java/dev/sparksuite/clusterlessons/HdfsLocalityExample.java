package dev.sparksuite.clusterlessons;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.input_file_block_length;
import static org.apache.spark.sql.functions.input_file_block_start;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;

import dev.sparksuite.lessonkit.Errors;
import dev.sparksuite.lessonkit.SparkWorkCounter;
import dev.sparksuite.lessonkit.SparkWorkCounter.SparkWork;
import dev.sparksuite.lessonkit.SparkWorkCounter.StageRun;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF0;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Data locality on HDFS: Spark runs a scan task on a host that holds a replica of the task's block
 * when it can.
 *
 * <p>It teaches: a file split's preferred hosts are the hosts the NameNode names for its HDFS block
 * ({@code BlockLocation.getHosts()}); a task that runs on an executor whose host carries one of
 * those names is NODE_LOCAL, elsewhere it is ANY and reads the block over the network. When a core
 * frees up, the scheduler first hands it a task local to that host; if none is left, it waits up to
 * {@code spark.locality.wait} (3 s by default) for a local core to free up before it runs the task
 * remotely. The lesson writes a Parquet dataset in 1 MiB HDFS blocks (row groups of 1 MiB, and 1
 * MiB splits, so one scan task per block), scans it, and prints the scan stage's tasks by locality
 * level and which host ran which block (a task whose split holds no row group's midpoint, where
 * Parquet assigns a row group, reads no rows and is not listed); then the same scan in a second
 * application with {@code spark.locality.wait=0}, where a core with no local task left takes a
 * remote one at once. (The wait is read by the scheduler from the SparkContext's configuration,
 * which is fixed while the context runs; so the contrast needs a new context.)
 *
 * <p>On the docker cluster with {@code docker-compose.hdfs.yml}, each worker's DataNode names
 * itself {@code spark-worker-N}, the name the worker's executors report; a replica under a name no
 * executor has (an IP address, a container name) can never make a task NODE_LOCAL.
 *
 * <p>Usage:
 *
 * <pre>
 * spark-submit --class dev.sparksuite.clusterlessons.HdfsLocalityExample cluster-lessons/target/cluster-lessons.jar \
 *     hdfs://hdfs-namenode:8020/lessons/locality [rows (1000000)] [files (4)]
 * </pre>
 */
public final class HdfsLocalityExample {

  /** HDFS block size and Parquet row-group size alike: each block holds one row group. */
  static final long BLOCK_BYTES = 1024 * 1024;

  /** Settings the lesson applies unless the command line sets them. */
  static final Map<String, String> SETTINGS =
      Map.of(
          // Every Hadoop configuration of the application, so every HDFS client it opens writes
          // 1 MiB blocks: the smallest the NameNode allows by default
          // (dfs.namenode.fs-limits.min-block-size); dfs.blocksize defaults to 128 MiB.
          "spark.hadoop.dfs.blocksize", Long.toString(BLOCK_BYTES),
          // Row groups of 1 MiB; Parquet pads a row group that would cross a block to the next
          // block.
          "spark.hadoop.parquet.block.size", Long.toString(BLOCK_BYTES),
          // One scan task per block: splits no larger than a block (Spark's default is 128 MiB).
          "spark.sql.files.maxPartitionBytes", Long.toString(BLOCK_BYTES));

  static final StructType SCHEMA =
      new StructType()
          .add("id", DataTypes.LongType, false)
          .add("x", DataTypes.DoubleType, false)
          .add("y", DataTypes.DoubleType, false);

  private HdfsLocalityExample() {}

  /** One HDFS block of the dataset and the hosts that hold a replica. */
  public record Block(String file, long offset, long length, List<String> hosts) {}

  /** One scan task's split: the block it read, the host that ran it, and the rows it returned. */
  public record Split(
      String file, long start, long length, List<String> blockHosts, String host, long rows) {
    public boolean onBlockHost() {
      return blockHosts.contains(host);
    }
  }

  /** The scan stage of one run: tasks by locality level, and every split. */
  public record Scan(
      String localityWait, StageRun stage, List<Split> splits, long rows, long idSum) {

    public int tasks() {
      return stage.tasks();
    }

    public int nodeLocalOrBetter() {
      return stage.locality().get("PROCESS_LOCAL") + stage.locality().get("NODE_LOCAL");
    }

    public long splitsOnBlockHost() {
      return splits.stream().filter(Split::onBlockHost).count();
    }
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    String dir;
    long rows;
    int files;
    try {
      if (args.length < 1 || args.length > 3 || args[0].startsWith("-")) {
        throw new IllegalArgumentException(
            "usage: HdfsLocalityExample <output-dir> [rows] [files]");
      }
      dir = args[0];
      rows = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
      files = args.length > 2 ? Integer.parseInt(args[2]) : 4;
      if (rows < 1 || files < 1) {
        throw new IllegalArgumentException(
            "HdfsLocalityExample: rows and files must be at least 1");
      }
    } catch (NumberFormatException e) {
      err.println("HdfsLocalityExample: rows and files must be whole numbers: " + e.getMessage());
      return 2;
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    out.printf(
        Locale.ROOT,
        "setup: %,d rows written as Parquet in %d file(s) of 1 MiB HDFS blocks to %s, then scanned "
            + "twice: with the session's spark.locality.wait, and with 0%n",
        rows,
        files,
        dir);
    try {
      List<Block> blocks;
      Scan waiting;
      SparkSession spark = session(new SparkConf());
      try {
        blocks = write(spark, dir, rows, files);
        printBlocks(blocks, out);
        waiting = scan(spark, dir);
      } finally {
        spark.stop();
      }
      printScan(waiting, out);
      Scan eager;
      spark = session(new SparkConf().set("spark.locality.wait", "0"));
      try {
        eager = scan(spark, dir);
      } finally {
        spark.stop();
      }
      printScan(eager, out);
      out.printf(
          Locale.ROOT,
          "what this shows: %.0f%% of the scan's tasks ran NODE_LOCAL or better (on a host "
              + "holding their HDFS block) with spark.locality.wait=%s, %.0f%% with 0; a task is NODE_LOCAL only where "
              + "its executor's host name is the name the NameNode gives a DataNode holding the block%n",
          percent(waiting),
          waiting.localityWait(),
          percent(eager));
      return 0;
    } catch (Exception e) {
      err.println("HdfsLocalityExample failed: " + Errors.oneLine(e));
      return 1;
    }
  }

  /**
   * No master here: spark-submit (or the test) decides; the lesson's settings give way to --conf.
   */
  static SparkSession session(SparkConf conf) {
    SETTINGS.forEach(conf::setIfMissing);
    return SparkSession.builder()
        .appName("spark-suite HdfsLocalityExample")
        .config(conf)
        .getOrCreate();
  }

  /**
   * Writes {@code rows} rows in {@code files} Parquet files. The two random columns do not
   * compress, so the files are as large as the data: about 43,000 rows per 1 MiB block.
   */
  public static List<Block> write(SparkSession spark, String dir, long rows, int files)
      throws IOException {
    spark
        .range(0, rows, 1, files)
        .select(col("id"), rand(1).as("x"), rand(2).as("y"))
        .write()
        .mode("overwrite")
        .parquet(dir);
    Path root = new Path(dir);
    FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
    List<Block> blocks = new ArrayList<>();
    for (FileStatus file : fs.listStatus(root, path -> path.getName().endsWith(".parquet"))) {
      for (BlockLocation block : fs.getFileBlockLocations(file, 0, file.getLen())) {
        blocks.add(
            new Block(
                file.getPath().getName(),
                block.getOffset(),
                block.getLength(),
                sorted(block.getHosts())));
      }
    }
    blocks.sort(Comparator.comparing(Block::file).thenComparingLong(Block::offset));
    return blocks;
  }

  /**
   * Scans the dataset: every row is tagged with the split it came from and the executor that read
   * it, then counted per split. The scan stage is the first stage of the scan's jobs.
   */
  public static Scan scan(SparkSession spark, String dir) throws IOException {
    String wait = spark.sparkContext().getConf().get("spark.locality.wait", "3s");
    SparkWorkCounter counter = SparkWorkCounter.register(spark.sparkContext());
    String description = "scan, spark.locality.wait=" + wait;
    List<Row> perSplit;
    SparkWork work;
    try {
      spark.sparkContext().setJobDescription(description);
      // The schema is given, so Spark runs no job to read a footer: every job here is the scan.
      perSplit =
          spark
              .read()
              .schema(SCHEMA)
              .parquet(dir)
              .select(
                  input_file_name().as("file"),
                  input_file_block_start().as("start"),
                  input_file_block_length().as("length"),
                  executorId().apply().as("executor"),
                  col("id"))
              .groupBy("file", "start", "length", "executor")
              .agg(count(lit(1)).as("rows"), sum("id").as("idSum"))
              .collectAsList();
      spark.sparkContext().setJobDescription(null);
      work = counter.awaitAll(spark.sparkContext(), 60);
    } finally {
      spark.sparkContext().removeSparkListener(counter);
    }
    StageRun stage =
        work.jobRuns().stream()
            .filter(j -> j.description().equals(description))
            .flatMap(j -> j.stageIds().stream())
            .sorted()
            .map(work::stage)
            .filter(StageRun::completed)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no scan stage ran"));

    FileSystem fs = new Path(dir).getFileSystem(spark.sparkContext().hadoopConfiguration());
    List<Split> splits = new ArrayList<>();
    long rows = 0;
    long idSum = 0;
    for (Row r : perSplit) {
      Path file = new Path(URI.create(r.getString(0)));
      long start = r.getLong(1);
      long length = r.getLong(2);
      TreeSet<String> hosts = new TreeSet<>();
      for (BlockLocation block : fs.getFileBlockLocations(file, start, length)) {
        hosts.addAll(List.of(block.getHosts()));
      }
      String host = work.executorHosts().getOrDefault(r.getString(3), "executor " + r.getString(3));
      splits.add(new Split(file.getName(), start, length, List.copyOf(hosts), host, r.getLong(4)));
      rows += r.getLong(4);
      idSum += r.getLong(5);
    }
    splits.sort(Comparator.comparing(Split::file).thenComparingLong(Split::start));
    return new Scan(wait, stage, splits, rows, idSum);
  }

  /** The id of the executor that evaluates it: which executor read the row. */
  private static UserDefinedFunction executorId() {
    return udf((UDF0<String>) () -> SparkEnv.get().executorId(), DataTypes.StringType)
        .asNondeterministic();
  }

  static void printBlocks(List<Block> blocks, PrintStream out) {
    Map<String, Integer> perHost = new TreeMap<>();
    blocks.forEach(b -> b.hosts().forEach(h -> perHost.merge(h, 1, Integer::sum)));
    out.printf(
        Locale.ROOT,
        "wrote %d files in %d HDFS blocks of at most %d KiB; replicas per host: %s%n",
        blocks.stream().map(Block::file).distinct().count(),
        blocks.size(),
        BLOCK_BYTES / 1024,
        perHost);
  }

  static void printScan(Scan scan, PrintStream out) {
    StageRun stage = scan.stage();
    out.printf(
        Locale.ROOT,
        "%nscan with spark.locality.wait=%s: stage %d, %d tasks, %d rows%n",
        scan.localityWait(),
        stage.stage(),
        scan.tasks(),
        scan.rows());
    out.printf(
        "  %-28s %9s %9s  %-32s %s%n", "file", "start KiB", "rows", "block replicas on", "ran on");
    for (Split s : scan.splits()) {
      out.printf(
          Locale.ROOT,
          "  %-28s %9d %9d  %-32s %s%s%n",
          abbreviate(s.file()),
          s.start() / 1024,
          s.rows(),
          String.join(" ", s.blockHosts()),
          s.host(),
          s.onBlockHost() ? "" : "  (remote read)");
    }
    // One line per scan, in a fixed form that scripts and tests read.
    out.printf(
        Locale.ROOT,
        "LOCALITY wait=%s tasks=%d PROCESS_LOCAL=%d NODE_LOCAL=%d RACK_LOCAL=%d ANY=%d "
            + "onBlockHost=%d nodeLocalOrBetter=%.1f%% rows=%d idSum=%d%n",
        scan.localityWait(),
        scan.tasks(),
        stage.locality().get("PROCESS_LOCAL"),
        stage.locality().get("NODE_LOCAL"),
        stage.locality().get("RACK_LOCAL"),
        stage.locality().get("ANY"),
        scan.splitsOnBlockHost(),
        percent(scan),
        scan.rows(),
        scan.idSum());
  }

  static double percent(Scan scan) {
    return scan.tasks() == 0 ? 0 : 100.0 * scan.nodeLocalOrBetter() / scan.tasks();
  }

  private static String abbreviate(String file) {
    // part-00000-<uuid>-c000.snappy.parquet: the part number says which file.
    return file.length() > 28
        ? file.substring(0, 10) + "…" + file.substring(file.length() - 17)
        : file;
  }

  private static List<String> sorted(String[] hosts) {
    return List.copyOf(new TreeSet<>(List.of(hosts)));
  }
}
