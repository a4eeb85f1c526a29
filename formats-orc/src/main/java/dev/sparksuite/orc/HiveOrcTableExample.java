package dev.sparksuite.orc;

import dev.sparksuite.lessons.Lesson;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Lesson 7: Hive tables stored as ORC. With {@code enableHiveSupport()} Spark keeps table
 * definitions in a Hive metastore (here an embedded Derby database under the output directory).
 * A partitioned {@code CREATE TABLE … STORED AS ORC} gets one directory per partition; INSERT
 * writes into them and registers the partitions. Files copied into a new partition directory by
 * another tool stay invisible until {@code MSCK REPAIR TABLE} registers the directory.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.orc.HiveOrcTableExample
 * formats-orc/target/formats-orc.jar <output-dir>}
 */
public final class HiveOrcTableExample {

  static final String TABLE = "orc_lessons.orders";

  private HiveOrcTableExample() {}

  /** Partitions before and after the repair, rows before and after, and the table's storage. */
  public record HiveTable(List<String> partitionsAfterInsert, long rowsAfterInsert, List<String> partitionsAfterRepair,
      long rowsAfterRepair, String inputFormat) {}

  public static void main(String[] args) {
    Path output = Lesson.outputDirectory(args, HiveOrcTableExample.class);
    // Derby writes its log into derby.system.home (else the working directory): keep it in the output.
    System.setProperty("derby.system.home", output.toString());
    SparkSession spark = SparkSession.builder().appName("spark-suite HiveOrcTableExample")
        .config("spark.sql.warehouse.dir", output.resolve("warehouse").toString())
        .config("spark.hadoop.javax.jdo.option.ConnectionURL",
            "jdbc:derby:;databaseName=" + output.resolve("metastore_db") + ";create=true")
        .enableHiveSupport()
        .getOrCreate();
    try {
      HiveTable t = createInsertRepair(spark);
      System.out.println("storage:                   " + t.inputFormat());
      System.out.println("partitions after INSERT:   " + t.partitionsAfterInsert() + ", rows " + t.rowsAfterInsert());
      System.out.println("partitions after MSCK:     " + t.partitionsAfterRepair() + ", rows " + t.rowsAfterRepair());
    } finally {
      spark.stop();
    }
  }

  public static HiveTable createInsertRepair(SparkSession spark) {
    spark.sql("CREATE DATABASE IF NOT EXISTS orc_lessons");
    spark.sql("DROP TABLE IF EXISTS " + TABLE);
    spark.sql("CREATE TABLE " + TABLE + " (id BIGINT, amount DOUBLE) PARTITIONED BY (country STRING) STORED AS ORC");
    // Dynamic partitions: the partition value comes from the last selected column.
    spark.sql("SET hive.exec.dynamic.partition.mode=nonstrict");
    spark.sql("INSERT INTO " + TABLE + " PARTITION (country) "
        + "SELECT id, CAST(id % 100 AS DOUBLE), element_at(array('DE', 'FR'), CAST(id % 2 AS INT) + 1) FROM range(1000)");
    List<String> afterInsert = partitions(spark);
    long rowsAfterInsert = spark.table(TABLE).count();

    // Another tool drops ORC files into a new partition directory of the table.
    String location = spark.sql("DESCRIBE TABLE EXTENDED " + TABLE).collectAsList().stream()
        .filter(r -> r.getString(0).equals("Location")).map(r -> r.getString(1)).findFirst().orElseThrow();
    spark.sql("SELECT id, CAST(id AS DOUBLE) AS amount FROM range(1000, 1010)").coalesce(1)
        .write().mode("overwrite").orc(location + "/country=SE");
    long beforeRepair = spark.table(TABLE).count();
    spark.sql("MSCK REPAIR TABLE " + TABLE);
    spark.catalog().refreshTable(TABLE);

    String inputFormat = spark.sql("DESCRIBE TABLE EXTENDED " + TABLE).collectAsList().stream()
        .filter(r -> r.getString(0).equals("InputFormat")).map(r -> r.getString(1)).findFirst().orElse("?");
    if (beforeRepair != rowsAfterInsert) {
      throw new IllegalStateException("the new partition was visible before MSCK REPAIR TABLE");
    }
    return new HiveTable(afterInsert, rowsAfterInsert, partitions(spark), spark.table(TABLE).count(), inputFormat);
  }

  private static List<String> partitions(SparkSession spark) {
    return spark.sql("SHOW PARTITIONS " + TABLE).collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
  }
}
