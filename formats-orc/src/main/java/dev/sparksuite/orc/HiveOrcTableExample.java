package dev.sparksuite.orc;

import dev.sparksuite.lessonkit.DataFiles;
import dev.sparksuite.lessonkit.Errors;
import dev.sparksuite.lessonkit.Lesson;
import dev.sparksuite.lessonkit.SqlConf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.spark.sql.SparkSession;

/**
 * Hive tables stored as ORC. With {@code enableHiveSupport()} Spark keeps table definitions in a
 * Hive metastore (here an embedded Derby database in a local temporary directory, since Derby
 * writes only to the local disk; the tables' files go under the output directory). A partitioned
 * {@code CREATE TABLE … STORED AS ORC} gets one directory per partition; INSERT writes into them
 * and registers the partitions. Files copied into a new partition directory by another tool stay
 * invisible until {@code MSCK REPAIR TABLE} registers the directory.
 *
 * <p>Who writes the files: with {@code spark.sql.hive.convertMetastoreOrc} on, and {@code
 * spark.sql.hive.convertInsertingUnpartitionedTable} for an unpartitioned table ({@code
 * spark.sql.hive.convertInsertingPartitionedTable} for a partitioned one; all three on by default),
 * an INSERT into a Hive ORC table runs as {@code InsertIntoHadoopFsRelationCommand} through Spark's
 * own ORC data source, which adds the user metadata {@code org.apache.spark.version} to every file.
 * With either off, {@code InsertIntoHiveTable} writes through the table's SerDe and output format,
 * Hive's {@code OrcSerde} and {@code OrcOutputFormat} from hive-exec, and the files carry no Spark
 * key. The bytes come from orc-core either way: hive-exec 2.3.10 (the core jar Spark ships) has no
 * ORC writer of its own, its {@code WriterImpl} extends orc-core's. So both files name the same
 * writer (ORC Java) and software version, and that version is read from whichever {@code
 * META-INF/maven/org.apache.orc/orc-core/pom.properties} comes first on the classpath ({@code ORC
 * Java 2.2.1} under spark-submit), not from the code path that wrote the file.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.orc.HiveOrcTableExample
 * formats-orc/target/formats-orc.jar <output-dir>}; the output directory may be a local path or on
 * HDFS ({@code hdfs://namenode:8020/lessons/orc}).
 */
public final class HiveOrcTableExample {

  static final String TABLE = "orc_lessons.orders";

  /** The user-metadata key Spark's ORC writer adds to each file. */
  static final String SPARK_VERSION_KEY = "org.apache.spark.version";

  private HiveOrcTableExample() {}

  /** Partitions before and after the repair, rows before and after, and the table's storage. */
  public record HiveTable(
      List<String> partitionsAfterInsert,
      long rowsAfterInsert,
      List<String> partitionsAfterRepair,
      long rowsAfterRepair,
      String inputFormat) {}

  /** One INSERT: the command Spark ran, and what its files say about their writer. */
  public record WrittenBy(
      String command,
      Set<String> sparkVersionInFiles,
      Set<String> softwareVersions,
      Set<String> writers,
      Set<String> codecs) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /**
   * The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run; its local
   * metastore is deleted after it, whatever the outcome.
   */
  static int teach(Lesson.Mode mode, String[] args) {
    AtomicReference<java.nio.file.Path> metastore = new AtomicReference<>();
    try {
      return run(mode, args, metastore);
    } finally {
      deleteLocal(metastore.get());
    }
  }

  private static int run(
      Lesson.Mode mode, String[] args, AtomicReference<java.nio.file.Path> metastore) {
    return Lesson.run(
        mode,
        args,
        HiveOrcTableExample.class,
        output -> {
          // Derby writes only to the local disk, so the metastore gets a local temporary directory.
          try {
            metastore.set(Files.createTempDirectory("spark-suite-hive-metastore"));
          } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the metastore", e);
          }
          // Derby writes its log into derby.system.home (else the working directory).
          System.setProperty("derby.system.home", metastore.get().toString());
          return Lesson.sessionBuilder("spark-suite HiveOrcTableExample")
              .config("spark.sql.warehouse.dir", new Path(output, "warehouse").toString())
              .config(
                  "spark.hadoop.javax.jdo.option.ConnectionURL",
                  "jdbc:derby:;databaseName="
                      + metastore.get().resolve("metastore_db")
                      + ";create=true")
              .enableHiveSupport()
              .getOrCreate();
        },
        (spark, output) -> {
          // The metastore is new on every run, so tables an earlier run left in the warehouse are
          // unknown to it, and CREATE TABLE would refuse their non-empty directories.
          Path database = new Path(new Path(output, "warehouse"), "orc_lessons.db");
          Lesson.fileSystem(spark, database).delete(database, true);
          HiveTable t = createInsertRepair(spark);
          System.out.println(
              "setup: Hive table "
                  + TABLE
                  + " (id bigint, amount double) PARTITIONED BY (country "
                  + "string) STORED AS ORC, embedded Derby metastore; 1,000 rows inserted into DE and FR, then 10 rows "
                  + "written by another tool into country=SE");
          System.out.println("storage:                   " + t.inputFormat());
          System.out.println(
              "partitions after INSERT:   "
                  + t.partitionsAfterInsert()
                  + ", rows "
                  + t.rowsAfterInsert());
          System.out.println(
              "partitions after MSCK:     "
                  + t.partitionsAfterRepair()
                  + ", rows "
                  + t.rowsAfterRepair());
          for (boolean convert : List.of(true, false)) {
            WrittenBy w = insertAndInspect(spark, convert);
            System.out.printf(
                "convertMetastoreOrc=%s: %s; org.apache.spark.version in the files %s, writer %s %s, %s%n",
                convert,
                w.command(),
                w.sparkVersionInFiles(),
                w.writers(),
                w.softwareVersions(),
                w.codecs());
          }
          System.out.println(
              "what this shows: the metastore knows only the partitions it was told about (the "
                  + "SE files count after MSCK REPAIR TABLE), and spark.sql.hive.convertMetastoreOrc decides whether "
                  + "Spark's ORC data source or Hive's SerDe writes the table; orc-core writes the bytes either way");
        });
  }

  /** Removes the metastore's local directory once the session is stopped. */
  private static void deleteLocal(java.nio.file.Path directory) {
    if (directory == null) {
      return;
    }
    try (Stream<java.nio.file.Path> paths = Files.walk(directory)) {
      for (java.nio.file.Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      System.err.println("could not delete " + directory + ": " + Errors.oneLine(e));
    }
  }

  public static HiveTable createInsertRepair(SparkSession spark) {
    spark.sql("CREATE DATABASE IF NOT EXISTS orc_lessons");
    spark.sql("DROP TABLE IF EXISTS " + TABLE);
    spark.sql(
        "CREATE TABLE "
            + TABLE
            + " (id BIGINT, amount DOUBLE) PARTITIONED BY (country STRING) STORED AS ORC");
    // Dynamic partitions: the partition value comes from the last selected column.
    spark.sql("SET hive.exec.dynamic.partition.mode=nonstrict");
    spark.sql(
        "INSERT INTO "
            + TABLE
            + " PARTITION (country) "
            + "SELECT id, CAST(id % 100 AS DOUBLE), element_at(array('DE', 'FR'), CAST(id % 2 AS INT) + 1) FROM range(1000)");
    List<String> afterInsert = partitions(spark);
    long rowsAfterInsert = spark.table(TABLE).count();

    // Another tool drops ORC files into a new partition directory of the table.
    String location = location(spark, TABLE);
    spark
        .sql("SELECT id, CAST(id AS DOUBLE) AS amount FROM range(1000, 1010)")
        .coalesce(1)
        .write()
        .mode("overwrite")
        .orc(location + "/country=SE");
    long beforeRepair = spark.table(TABLE).count();
    spark.sql("MSCK REPAIR TABLE " + TABLE);
    spark.catalog().refreshTable(TABLE);

    String inputFormat =
        spark.sql("DESCRIBE TABLE EXTENDED " + TABLE).collectAsList().stream()
            .filter(r -> r.getString(0).equals("InputFormat"))
            .map(r -> r.getString(1))
            .findFirst()
            .orElse("?");
    if (beforeRepair != rowsAfterInsert) {
      throw new IllegalStateException("the new partition was visible before MSCK REPAIR TABLE");
    }
    return new HiveTable(
        afterInsert, rowsAfterInsert, partitions(spark), spark.table(TABLE).count(), inputFormat);
  }

  /**
   * An INSERT into an unpartitioned ORC table with the conversion on or off, and its files read
   * with orc-core.
   */
  public static WrittenBy insertAndInspect(SparkSession spark, boolean convertMetastoreOrc) {
    String table = "orc_lessons.written_" + (convertMetastoreOrc ? "converted" : "by_serde");
    spark.sql("CREATE DATABASE IF NOT EXISTS orc_lessons");
    spark.sql("DROP TABLE IF EXISTS " + table);
    spark.sql("CREATE TABLE " + table + " (id BIGINT, name STRING) STORED AS ORC");
    String insert = "INSERT INTO " + table + " SELECT id, concat('n', id) FROM range(100)";
    String command =
        SqlConf.with(
            spark,
            "spark.sql.hive.convertMetastoreOrc",
            convertMetastoreOrc,
            () -> {
              // Execute InsertIntoHadoopFsRelationCommand … or Execute InsertIntoHiveTable …
              String plan = spark.sql("EXPLAIN " + insert).first().getString(0);
              spark.sql(insert);
              Matcher m = Pattern.compile("Execute (\\w+)").matcher(plan);
              return m.find() ? m.group(1) : plan;
            });
    Set<String> sparkVersions = new TreeSet<>();
    Set<String> software = new TreeSet<>();
    Set<String> writers = new TreeSet<>();
    Set<String> codecs = new TreeSet<>();
    // The SerDe path names its files part-…c000 without an extension: every file that holds data.
    Path location = new Path(location(spark, table));
    FileSystem fs;
    List<FileStatus> files;
    try {
      fs = Lesson.fileSystem(spark, location);
      files = DataFiles.list(fs, location);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + location, e);
    }
    for (FileStatus status : files) {
      Path file = status.getPath();
      try (Reader reader = OrcFiles.open(fs, file)) {
        sparkVersions.add(
            reader.hasMetadataValue(SPARK_VERSION_KEY)
                ? StandardCharsets.UTF_8
                    .decode(reader.getMetadataValue(SPARK_VERSION_KEY))
                    .toString()
                : "(none)");
        software.add(reader.getSoftwareVersion());
        writers.add(
            OrcFile.WriterImplementation.from(reader.getFileTail().getFooter().getWriter()).name());
        codecs.add(reader.getCompressionKind().name());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return new WrittenBy(command, sparkVersions, software, writers, codecs);
  }

  private static String location(SparkSession spark, String table) {
    return spark.sql("DESCRIBE TABLE EXTENDED " + table).collectAsList().stream()
        .filter(r -> r.getString(0).equals("Location"))
        .map(r -> r.getString(1))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> partitions(SparkSession spark) {
    return spark.sql("SHOW PARTITIONS " + TABLE).collectAsList().stream()
        .map(r -> r.getString(0))
        .sorted()
        .toList();
  }
}
