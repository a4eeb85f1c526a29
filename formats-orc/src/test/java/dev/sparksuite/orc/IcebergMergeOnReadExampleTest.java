package dev.sparksuite.orc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.SparkTestBase;
import org.junit.jupiter.api.Test;

/**
 * {@link IcebergMergeOnReadExample}: merge-on-read writes position deletes where copy-on-write
 * rewrites data files.
 */
class IcebergMergeOnReadExampleTest extends SparkTestBase {

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
}
