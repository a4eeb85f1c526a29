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
 * Lessons 7, 8 and 10, on the shared session (Hive support and the Iceberg catalog come from
 * Surefire).
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
  void sparksOwnOrcWriterWritesAHiveTableUnlessTheConversionIsOff() {
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

    // Spark has no row-level DML on Hive tables at all, transactional or not; the layout below is
    // what is specific to ACID.
    assertThatThrownBy(() -> spark.sql("UPDATE orc_lessons.hive_acid SET id = 2"))
        .hasMessageContaining("UNSUPPORTED_FEATURE.TABLE_OPERATION")
        .hasMessageContaining("UPDATE TABLE");
    assertThatThrownBy(() -> spark.sql("DELETE FROM orc_lessons.hive_acid WHERE id = 1"))
        .hasMessageContaining("UNSUPPORTED_FEATURE.TABLE_OPERATION")
        .hasMessageContaining("DELETE");
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
    assertThat(cow.dataFilesRewritten())
        .as("the DELETE alone rewrites all four data files")
        .isGreaterThanOrEqualTo(4);
    assertThat(cow.rows()).isEqualTo(991);

    var mor = modes.mergeOnRead();
    assertThat(mor.dataFilesRewritten()).as("merge-on-read leaves data files alone").isZero();
    assertThat(mor.dataFiles()).as("four inserted, one from UPDATE, one from MERGE").isEqualTo(6);
    assertThat(mor.deleteFiles())
        .as("one live position-delete file per touched data file")
        .isEqualTo(4);
    assertThat(mor.deletedPositions()).as("10 deleted, 1 updated, 1 merged").isEqualTo(12);
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
    assertThat(acid.snapshotOperations()).hasSize(4).startsWith("append");
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
