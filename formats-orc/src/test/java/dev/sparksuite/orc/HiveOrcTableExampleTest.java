package dev.sparksuite.orc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.lessonkit.SqlConf;
import dev.sparksuite.testkit.SparkTestBase;
import org.junit.jupiter.api.Test;

/**
 * {@link HiveOrcTableExample} on the shared session (Hive support comes from Surefire): a Hive ORC
 * table's partitions, and whose writer writes it.
 */
class HiveOrcTableExampleTest extends SparkTestBase {

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
}
