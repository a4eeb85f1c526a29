package dev.sparksuite.orc;

import dev.sparksuite.lessonkit.Lesson;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Iceberg merge-on-read beside copy-on-write. Both tables get the same 1,000 rows in four ORC data
 * files, then the same DELETE (10 rows, some in every file), UPDATE (1 row) and MERGE (1 row
 * updated, 1 inserted). Copy-on-write, Iceberg's default for {@code write.delete.mode}, {@code
 * write.update.mode} and {@code write.merge.mode}, rewrites every data file a statement touches and
 * writes no delete files. Merge-on-read leaves the data files alone: a DELETE writes
 * position-delete files (content 1 in the {@code delete_files} metadata table; ORC too, since
 * {@code write.delete.format.default} follows {@code write.format.default}) that name the deleted
 * rows by file and position, an UPDATE or MERGE adds those plus a data file with the new rows; a
 * reader merges them at read time. Per data file one delete file stays live, because Spark's writes
 * use {@code file} delete granularity unless told otherwise (Iceberg's {@code SparkWriteConf}; the
 * table property {@code write.delete.granularity} defaults to {@code partition}, and Spark reads it
 * only when it is set): a statement that deletes more rows of a data file rewrites that file's
 * earlier deletes into its own delete file and drops the old one. So the 10 + 1 + 1 deleted
 * positions end up in 4 delete files. Compaction, {@code CALL lake.system.rewrite_data_files} with
 * {@code rewrite-all} and {@code remove-dangling-deletes}, rewrites the data files with the deletes
 * applied and drops the delete files that point at nothing any more: one data file, no delete
 * files, the same rows.
 *
 * <p>Format version 2, set explicitly: on version 3 tables Iceberg writes deletion vectors (Puffin
 * files) instead of position-delete files.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.orc.IcebergMergeOnReadExample
 * formats-orc/target/formats-orc.jar <output-dir>} (an Iceberg Hadoop catalog named {@code lake} is
 * created under the output directory); the output directory may be a local path or on HDFS ({@code
 * hdfs://namenode:8020/lessons/orc}).
 */
public final class IcebergMergeOnReadExample {

  static final String COPY_ON_WRITE = "lessons.orders_cow";
  static final String MERGE_ON_READ = "lessons.orders_mor";
  static final String MERGE_ON_READ_BY_PARTITION = "lessons.orders_mor_partition";

  private IcebergMergeOnReadExample() {}

  /**
   * A table after the three statements: live data files and position-delete files (with their
   * formats and the positions they hold), the data files each commit removed (in commit order), the
   * delete files all commits removed, and the row count.
   */
  public record Files(
      long dataFiles,
      long deleteFiles,
      List<String> deleteFileFormats,
      long deletedPositions,
      List<Long> dataFilesRemovedPerSnapshot,
      long deleteFilesRemoved,
      long rows) {}

  /**
   * Both tables after the statements, the merge-on-read table after compaction, and a merge-on-read
   * table with {@code write.delete.granularity=partition} after the same statements.
   */
  public record Modes(
      Files copyOnWrite,
      Files mergeOnRead,
      Files mergeOnReadCompacted,
      Files mergeOnReadByPartition) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        IcebergMergeOnReadExample.class,
        IcebergAcidExample::lakeSession,
        (spark, output) -> {
          Modes m = run(spark);
          System.out.println(
              "setup: two Iceberg tables of ORC files (format-version 2), the same rows, the same "
                  + "DELETE, UPDATE and MERGE; one with write.delete/update/merge.mode=copy-on-write, one merge-on-read");
          print("copy-on-write", m.copyOnWrite());
          print("merge-on-read", m.mergeOnRead());
          print("merge-on-read, compacted", m.mergeOnReadCompacted());
          print("merge-on-read, partition", m.mergeOnReadByPartition());
          System.out.println(
              "what this shows: copy-on-write rewrites data files and leaves no delete files; "
                  + "merge-on-read rewrites none and writes ORC position-delete files that readers apply until "
                  + "rewrite_data_files compacts them away; the rows are the same");
        });
  }

  private static void print(String label, Files f) {
    System.out.printf(
        "%-25s data files %d, delete files %d %s holding %d positions, data files removed per commit "
            + "%s, delete files removed %d, rows %d%n",
        label + ":",
        f.dataFiles(),
        f.deleteFiles(),
        f.deleteFileFormats(),
        f.deletedPositions(),
        f.dataFilesRemovedPerSnapshot(),
        f.deleteFilesRemoved(),
        f.rows());
  }

  public static Modes run(SparkSession spark) {
    Files cow = changeRows(spark, COPY_ON_WRITE, "copy-on-write", "");
    Files mor = changeRows(spark, MERGE_ON_READ, "merge-on-read", "");
    Files byPartition =
        changeRows(
            spark,
            MERGE_ON_READ_BY_PARTITION,
            "merge-on-read",
            ", 'write.delete.granularity' = 'partition'");
    // Named with its catalog, or Iceberg would first try "lessons" as one and log
    // CATALOG_NOT_FOUND.
    spark.sql(
        "CALL lake.system.rewrite_data_files(table => 'lake."
            + MERGE_ON_READ
            + "', "
            + "options => map('rewrite-all', 'true', 'remove-dangling-deletes', 'true'))");
    return new Modes(cow, mor, files(spark, MERGE_ON_READ), byPartition);
  }

  /**
   * The same table and statements; only the three write modes differ, and {@code properties} adds
   * table properties ({@code ", 'key' = 'value'"}).
   */
  static Files changeRows(SparkSession spark, String name, String mode, String properties) {
    String table = "lake." + name;
    spark.sql("DROP TABLE IF EXISTS " + table);
    spark.sql(
        "CREATE TABLE "
            + table
            + " (id BIGINT, country STRING, amount DOUBLE) USING iceberg TBLPROPERTIES ("
            + "'format-version' = '2', 'write.format.default' = 'orc', 'write.delete.mode' = '"
            + mode
            + "', "
            + "'write.update.mode' = '"
            + mode
            + "', 'write.merge.mode' = '"
            + mode
            + "'"
            + properties
            + ")");
    // Four slices of 250 ids: four data files.
    spark.sql(
        "INSERT INTO "
            + table
            + " SELECT id, element_at(array('DE', 'FR', 'NL', 'PL'), CAST(id % 4 AS INT) + 1), "
            + "CAST(id AS DOUBLE) FROM range(0, 1000, 1, 4)");
    spark.sql("DELETE FROM " + table + " WHERE id % 100 = 0");
    spark.sql("UPDATE " + table + " SET amount = -1 WHERE id = 5");
    spark.sql(
        "MERGE INTO "
            + table
            + " t USING (SELECT 7L AS id, 'DE' AS country, 70.0 AS amount "
            + "UNION ALL SELECT 2000L, 'SE', 1.0) s ON t.id = s.id "
            + "WHEN MATCHED THEN UPDATE SET t.amount = s.amount WHEN NOT MATCHED THEN INSERT *");
    return files(spark, name);
  }

  static Files files(SparkSession spark, String name) {
    String table = "lake." + name;
    Row data = spark.sql("SELECT count(*) FROM " + table + ".data_files").first();
    // content 1: position deletes.
    List<Row> deletes =
        spark
            .sql(
                "SELECT file_format, record_count FROM "
                    + table
                    + ".delete_files WHERE content = 1")
            .collectAsList();
    List<Row> snapshots =
        spark
            .sql(
                "SELECT coalesce(CAST(summary['deleted-data-files'] AS BIGINT), 0), "
                    + "coalesce(CAST(summary['removed-delete-files'] AS BIGINT), 0) FROM "
                    + table
                    + ".snapshots ORDER BY committed_at")
            .collectAsList();
    return new Files(
        data.getLong(0),
        deletes.size(),
        deletes.stream().map(r -> r.getString(0)).distinct().sorted().toList(),
        deletes.stream().mapToLong(r -> r.getLong(1)).sum(),
        snapshots.stream().map(r -> r.getLong(0)).toList(),
        snapshots.stream().mapToLong(r -> r.getLong(1)).sum(),
        spark.table(table).count());
  }
}
