package dev.sparksuite.orc;

import dev.sparksuite.lessonkit.Lesson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.orc.Reader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * ACID on ORC files. "ACID ORC" usually means Hive ACID (transactional) tables: ORC base and delta
 * directories that Hive's transaction manager tracks and compacts. Spark 4.1.1 cannot write them:
 * UPDATE and DELETE on such a table are refused as unsupported, and an INSERT writes a plain ORC
 * file, with neither the delta directory nor the row-id columns of Hive's ACID layout. What Spark
 * users do instead is a table format: an Iceberg table whose data files are ORC ({@code
 * write.format.default=orc}). Every INSERT, UPDATE, DELETE and MERGE commits a new snapshot
 * atomically; old snapshots stay readable (time travel) until expired, and a table can be rolled
 * back to one. Every snapshot's files are ORC, read here from the {@code files} metadata table as
 * of each snapshot.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.orc.IcebergAcidExample
 * formats-orc/target/formats-orc.jar <output-dir>} (an Iceberg Hadoop catalog named {@code lake} is
 * created under the output directory); the output directory may be a local path or on HDFS ({@code
 * hdfs://namenode:8020/lessons/orc}).
 */
public final class IcebergAcidExample {

  static final String TABLE = "lake.lessons.orders";

  private IcebergAcidExample() {}

  /**
   * Rows after each step, the snapshots' operations, time travel and rollback, and the file format.
   */
  public record Acid(
      List<Row> afterInsert,
      List<Row> afterUpdate,
      List<Row> afterDelete,
      List<Row> afterMerge,
      List<String> snapshotOperations,
      List<Row> asOfFirstSnapshot,
      List<Row> afterRollback,
      List<List<String>> formatsPerSnapshot,
      List<String> dataFileFormats,
      long rowsInFirstDataFile) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        IcebergAcidExample.class,
        IcebergAcidExample::lakeSession,
        (spark, output) -> {
          Acid a = run(spark);
          System.out.println(
              "setup: Iceberg table "
                  + TABLE
                  + " (id bigint, country string, amount double), "
                  + "write.format.default=orc, format-version 2, no write.*.mode set: UPDATE, DELETE and MERGE run "
                  + "copy-on-write (rewrite the data files they touch)");
          System.out.println("rows are [id,country,amount]");
          System.out.println("after INSERT:   " + a.afterInsert());
          System.out.println("after UPDATE:   " + a.afterUpdate());
          System.out.println("after DELETE:   " + a.afterDelete());
          System.out.println("after MERGE:    " + a.afterMerge());
          System.out.println("snapshots:      " + a.snapshotOperations());
          System.out.println("file formats per snapshot: " + a.formatsPerSnapshot());
          System.out.println("VERSION AS OF first snapshot: " + a.asOfFirstSnapshot());
          System.out.println("after rollback: " + a.afterRollback());
          System.out.println(
              "data file formats: "
                  + a.dataFileFormats()
                  + ", first file has "
                  + a.rowsInFirstDataFile()
                  + " rows (read with orc-core)");
          System.out.println(
              "what this shows: each statement commits one snapshot of ORC files (copy-on-write "
                  + "rewrites show as overwrite), an old snapshot stays readable with VERSION AS OF, and a rollback "
                  + "makes it current again");
        });
  }

  /**
   * A session with Iceberg's SQL extensions and a file-system catalog {@code lake} under the
   * output.
   */
  static SparkSession lakeSession(Path output) {
    return Lesson.sessionBuilder("spark-suite Iceberg lessons")
        .config(
            "spark.sql.extensions",
            "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
        .config("spark.sql.catalog.lake", "org.apache.iceberg.spark.SparkCatalog")
        .config("spark.sql.catalog.lake.type", "hadoop")
        .config("spark.sql.catalog.lake.warehouse", new Path(output, "lake").toString())
        .getOrCreate();
  }

  public static Acid run(SparkSession spark) {
    spark.sql("DROP TABLE IF EXISTS " + TABLE);
    spark.sql(
        "CREATE TABLE "
            + TABLE
            + " (id BIGINT, country STRING, amount DOUBLE) USING iceberg "
            + "TBLPROPERTIES ('write.format.default' = 'orc', 'format-version' = '2')");

    spark.sql("INSERT INTO " + TABLE + " VALUES (1, 'DE', 10.0), (2, 'FR', 20.0), (3, 'DE', 30.0)");
    List<Row> afterInsert = rows(spark);
    long firstSnapshot =
        spark
            .sql("SELECT snapshot_id FROM " + TABLE + ".snapshots ORDER BY committed_at")
            .first()
            .getLong(0);

    spark.sql("UPDATE " + TABLE + " SET amount = amount * 2 WHERE country = 'DE'");
    List<Row> afterUpdate = rows(spark);
    spark.sql("DELETE FROM " + TABLE + " WHERE id = 2");
    List<Row> afterDelete = rows(spark);
    spark.sql(
        "MERGE INTO "
            + TABLE
            + " t USING (SELECT 3L AS id, 'DE' AS country, 99.0 AS amount "
            + "UNION ALL SELECT 4L, 'NL', 40.0) s ON t.id = s.id "
            + "WHEN MATCHED THEN UPDATE SET t.amount = s.amount WHEN NOT MATCHED THEN INSERT *");
    List<Row> afterMerge = rows(spark);

    List<Row> snapshots =
        spark
            .sql("SELECT snapshot_id, operation FROM " + TABLE + ".snapshots ORDER BY committed_at")
            .collectAsList();
    List<String> operations = snapshots.stream().map(r -> r.getString(1)).toList();
    // Before the rollback: the files of every snapshot, not only of the one that stays current.
    List<List<String>> formatsPerSnapshot =
        snapshots.stream()
            .map(
                r ->
                    spark
                        .sql(
                            "SELECT DISTINCT file_format FROM "
                                + TABLE
                                + ".files VERSION AS OF "
                                + r.getLong(0)
                                + " ORDER BY 1")
                        .collectAsList()
                        .stream()
                        .map(f -> f.getString(0))
                        .toList())
            .toList();
    List<Row> asOfFirst =
        spark
            .sql("SELECT * FROM " + TABLE + " VERSION AS OF " + firstSnapshot + " ORDER BY id")
            .collectAsList();
    // The table named with its catalog: Iceberg first tries a name's first part as a catalog, and
    // for
    // 'lessons.orders' would log CATALOG_NOT_FOUND with a stack trace before falling back to lake.
    spark.sql("CALL lake.system.rollback_to_snapshot('" + TABLE + "', " + firstSnapshot + ")");
    List<Row> afterRollback = rows(spark);

    List<Row> files =
        spark.sql("SELECT file_format, file_path FROM " + TABLE + ".files").collectAsList();
    List<String> formats = files.stream().map(r -> r.getString(0)).distinct().sorted().toList();
    return new Acid(
        afterInsert,
        afterUpdate,
        afterDelete,
        afterMerge,
        operations,
        asOfFirst,
        afterRollback,
        formatsPerSnapshot,
        formats,
        orcRows(spark, files.get(0).getString(1)));
  }

  private static List<Row> rows(SparkSession spark) {
    return spark.sql("SELECT * FROM " + TABLE + " ORDER BY id").collectAsList();
  }

  /** Opens an Iceberg data file with orc-core: proof that it is a plain ORC file. */
  private static long orcRows(SparkSession spark, String filePath) {
    Path file = new Path(filePath);
    try (Reader reader = OrcFiles.open(Lesson.fileSystem(spark, file), file)) {
      return reader.getNumberOfRows();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + filePath, e);
    }
  }
}
