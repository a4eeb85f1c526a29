package dev.sparksuite.orc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparksuite.testkit.SparkTestBase;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/**
 * {@link IcebergAcidExample} on the shared session (the Iceberg catalog comes from Surefire): Spark
 * cannot write Hive ACID tables; Iceberg gives ORC files row-level changes.
 */
class IcebergAcidExampleTest extends SparkTestBase {

  @Test
  void sparkCannotWriteHiveAcidTables() throws Exception {
    spark.sql("CREATE DATABASE IF NOT EXISTS orc_lessons");
    spark.sql("DROP TABLE IF EXISTS orc_lessons.hive_acid");
    spark.sql(
        "CREATE TABLE orc_lessons.hive_acid (id INT) CLUSTERED BY (id) INTO 2 BUCKETS STORED AS ORC "
            + "TBLPROPERTIES ('transactional' = 'true')");
    spark.sql("INSERT INTO orc_lessons.hive_acid VALUES (1)");

    // Spark has no row-level DML on Hive tables at all: a plain ORC table refuses UPDATE and
    // DELETE with the same error. What is specific to ACID is the layout below.
    spark.sql("DROP TABLE IF EXISTS orc_lessons.hive_plain");
    spark.sql("CREATE TABLE orc_lessons.hive_plain (id INT) STORED AS ORC");
    for (String table : List.of("hive_acid", "hive_plain")) {
      assertThatThrownBy(() -> spark.sql("UPDATE orc_lessons." + table + " SET id = 2"))
          .as(table)
          .hasMessageContaining("UNSUPPORTED_FEATURE.TABLE_OPERATION")
          .hasMessageContaining("UPDATE TABLE");
      assertThatThrownBy(() -> spark.sql("DELETE FROM orc_lessons." + table + " WHERE id = 1"))
          .as(table)
          .hasMessageContaining("UNSUPPORTED_FEATURE.TABLE_OPERATION")
          .hasMessageContaining("DELETE");
    }
    String location =
        spark.sql("DESCRIBE TABLE EXTENDED orc_lessons.hive_acid").collectAsList().stream()
            .filter(r -> r.getString(0).equals("Location"))
            .map(r -> r.getString(1))
            .findFirst()
            .orElseThrow();
    Path table = new Path(location);
    FileSystem fs = table.getFileSystem(spark.sparkContext().hadoopConfiguration());
    List<FileStatus> files = OrcFiles.dataFiles(fs, table);
    assertThat(files)
        .as("a plain file, no delta_… directory")
        .singleElement()
        .satisfies(f -> assertThat(f.getPath().getParent().getName()).doesNotStartWith("delta_"));
    try (var reader = OrcFiles.open(fs, files.get(0).getPath())) {
      assertThat(reader.getSchema().toString())
          .as("no ACID row-id columns")
          .isEqualTo("struct<id:int>");
    }
  }

  @Test
  void icebergGivesOrcFilesInsertUpdateDeleteMergeTimeTravelAndRollback() {
    var acid = IcebergAcidExample.run(spark);

    assertThat(acid.afterInsert())
        .containsExactly(
            RowFactory.create(1L, "DE", 10.0),
            RowFactory.create(2L, "FR", 20.0),
            RowFactory.create(3L, "DE", 30.0));
    assertThat(acid.afterUpdate())
        .containsExactly(
            RowFactory.create(1L, "DE", 20.0),
            RowFactory.create(2L, "FR", 20.0),
            RowFactory.create(3L, "DE", 60.0));
    assertThat(acid.afterDelete())
        .containsExactly(RowFactory.create(1L, "DE", 20.0), RowFactory.create(3L, "DE", 60.0));
    assertThat(acid.afterMerge())
        .containsExactly(
            RowFactory.create(1L, "DE", 20.0),
            RowFactory.create(3L, "DE", 99.0),
            RowFactory.create(4L, "NL", 40.0));
    assertThat(acid.snapshotOperations())
        .as(
            "INSERT appends; UPDATE and MERGE rewrite a file (overwrite); the DELETE's rows fill "
                + "whole files, which it drops (delete)")
        .containsExactly("append", "overwrite", "delete", "overwrite");
    assertThat(acid.formatsPerSnapshot())
        .as("the files of every snapshot, before the rollback")
        .containsExactly(List.of("ORC"), List.of("ORC"), List.of("ORC"), List.of("ORC"));
    assertThat(acid.asOfFirstSnapshot()).containsExactlyElementsOf(acid.afterInsert());
    assertThat(acid.afterRollback())
        .as("rolled back to the first snapshot")
        .containsExactlyElementsOf(acid.afterInsert());
    assertThat(acid.dataFileFormats()).containsExactly("ORC");
    assertThat(acid.rowsInFirstDataFile()).isPositive();
  }
}
