package dev.sparksuite.orc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.SparkTestBase;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** Lessons 7 and 8, on the shared session (Hive support and the Iceberg catalog come from Surefire). */
class HiveAndIcebergTest extends SparkTestBase {

  @Test
  void aHiveOrcTableGetsPartitionsFromInsertAndFromRepair() {
    var table = HiveOrcTableExample.createInsertRepair(spark);

    assertThat(table.inputFormat()).isEqualTo("org.apache.hadoop.hive.ql.io.orc.OrcInputFormat");
    assertThat(table.partitionsAfterInsert()).containsExactly("country=DE", "country=FR");
    assertThat(table.rowsAfterInsert()).isEqualTo(1_000);
    assertThat(table.partitionsAfterRepair()).containsExactly("country=DE", "country=FR", "country=SE");
    assertThat(table.rowsAfterRepair()).isEqualTo(1_010);
  }

  @Test
  void icebergGivesOrcFilesInsertUpdateDeleteMergeTimeTravelAndRollback() {
    var acid = IcebergAcidExample.run(spark);

    assertThat(acid.afterInsert()).containsExactly(RowFactory.create(1L, "DE", 10.0),
        RowFactory.create(2L, "FR", 20.0), RowFactory.create(3L, "DE", 30.0));
    assertThat(acid.afterUpdate()).containsExactly(RowFactory.create(1L, "DE", 20.0),
        RowFactory.create(2L, "FR", 20.0), RowFactory.create(3L, "DE", 60.0));
    assertThat(acid.afterDelete()).containsExactly(RowFactory.create(1L, "DE", 20.0), RowFactory.create(3L, "DE", 60.0));
    assertThat(acid.afterMerge()).containsExactly(RowFactory.create(1L, "DE", 20.0),
        RowFactory.create(3L, "DE", 99.0), RowFactory.create(4L, "NL", 40.0));
    assertThat(acid.snapshotOperations()).hasSize(4).startsWith("append");
    assertThat(acid.asOfFirstSnapshot()).containsExactlyElementsOf(acid.afterInsert());
    assertThat(acid.afterRollback()).as("rolled back to the first snapshot").containsExactlyElementsOf(acid.afterInsert());
    assertThat(acid.dataFileFormats()).containsExactly("ORC");
    assertThat(acid.rowsInFirstDataFile()).isPositive();
  }
}
