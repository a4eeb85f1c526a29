package dev.sparksuite.orc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparksuite.lessonkit.SqlConf;
import dev.sparksuite.testkit.SparkTestBase;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/**
 * {@link HiveOrcTableExample}, {@link IcebergAcidExample} and {@link IcebergMergeOnReadExample}, on
 * the shared session (Hive support and the Iceberg catalog come from Surefire).
 */
class HiveAndIcebergTest extends SparkTestBase {

  @Test
  void aHiveOrcTableGetsPartitionsFromInsertAndFromRepair() {
    var table = HiveOrcTableExample.createInsertRepair(spark);

    assertThat(table.inputFormat()).isEqualTo("org.apache.hadoop.hive.ql.io.orc.OrcInputFormat");
    assertThat(table.partitionsAfterInsert()).containsExactly("country=DE", "country=FR");
    assertThat(table.rowsAfterInsert()).isEqualTo(1_000);
    assertThat(table.partitionsAfterRepair())
        .containsExactly("country=DE", "country=FR", "country=SE");
    assertThat(table.rowsAfterRepair()).isEqualTo(1_010);
  }

  @Test
  void sparksOwnOrcWriterWritesAHiveTableUnlessTheConversionIsOff() throws Exception {
    var converted = HiveOrcTableExample.insertAndInspect(spark, true);
    var bySerde = HiveOrcTableExample.insertAndInspect(spark, false);

    assertThat(converted.command()).isEqualTo("InsertIntoHadoopFsRelationCommand");
    assertThat(converted.sparkVersionInFiles())
        .as("Spark's ORC writer stamps its version")
        .containsExactly("4.1.1");
    assertThat(bySerde.command()).isEqualTo("InsertIntoHiveTable");
    assertThat(bySerde.sparkVersionInFiles())
        .as("Hive's OrcOutputFormat adds no Spark key")
        .containsExactly("(none)");
    assertThat(bySerde.writers())
        .as("both go through orc-core's WriterImpl")
        .containsExactly("ORC_JAVA")
        .isEqualTo(converted.writers());
    assertThat(bySerde.softwareVersions())
        .as("the classpath's orc-core pom.properties, not the code path")
        .hasSize(1)
        .isEqualTo(converted.softwareVersions());
    // ORC_JAVA names any Java writer; that the SerDe path has none of its own is in its class.
    assertThat(Class.forName("org.apache.hadoop.hive.ql.io.orc.WriterImpl").getSuperclass())
        .as("hive-exec's ORC writer is orc-core's WriterImpl")
        .isEqualTo(org.apache.orc.impl.WriterImpl.class);
  }

  /**
   * convertMetastoreOrc alone does not convert an INSERT:
   * spark.sql.hive.convertInsertingUnpartitionedTable (convertInsertingPartitionedTable for a
   * partitioned table), on by default, must be on too. Turned off, the INSERT goes through the
   * SerDe with the conversion on.
   */
  @Test
  void anInsertIsConvertedOnlyWhileConvertInsertingIsOnToo() {
    var bySerde =
        SqlConf.with(
            spark,
            "spark.sql.hive.convertInsertingUnpartitionedTable",
            false,
            () -> HiveOrcTableExample.insertAndInspect(spark, true));

    assertThat(bySerde.command()).isEqualTo("InsertIntoHiveTable");
    assertThat(bySerde.sparkVersionInFiles()).containsExactly("(none)");
  }

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
  void mergeOnReadWritesPositionDeletesWhereCopyOnWriteRewritesDataFiles() {
    var modes = IcebergMergeOnReadExample.run(spark);

    var cow = modes.copyOnWrite();
    assertThat(cow.deleteFiles()).isZero();
    assertThat(cow.dataFilesRemovedPerSnapshot())
        .as("INSERT, then the DELETE rewrites all four data files, the UPDATE and MERGE one each")
        .containsExactly(0L, 4L, 1L, 1L);
    assertThat(cow.rows()).isEqualTo(991);

    var mor = modes.mergeOnRead();
    assertThat(mor.dataFilesRemovedPerSnapshot())
        .as("merge-on-read leaves data files alone")
        .containsExactly(0L, 0L, 0L, 0L);
    assertThat(mor.dataFiles()).as("four inserted, one from UPDATE, one from MERGE").isEqualTo(6);
    assertThat(mor.deleteFiles())
        .as("one live position-delete file per touched data file")
        .isEqualTo(4);
    assertThat(mor.deletedPositions()).as("10 deleted, 1 updated, 1 merged").isEqualTo(12);
    assertThat(mor.deleteFilesRemoved())
        .as("file granularity, Spark's default: a later statement replaces a file's deletes")
        .isPositive();
    var byPartition = modes.mergeOnReadByPartition();
    assertThat(byPartition.deleteFilesRemoved())
        .as("write.delete.granularity=partition: every statement's delete files stay")
        .isZero();
    assertThat(byPartition.deletedPositions()).isEqualTo(12);
    assertThat(byPartition.rows()).isEqualTo(991);
    assertThat(mor.deleteFileFormats()).containsExactly("ORC");
    assertThat(mor.rows()).isEqualTo(991);

    var compacted = modes.mergeOnReadCompacted();
    assertThat(compacted.dataFiles()).isEqualTo(1);
    assertThat(compacted.deleteFiles()).isZero();
    assertThat(compacted.rows()).isEqualTo(991);
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
