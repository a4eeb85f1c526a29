package dev.sparksuite.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FilesToTasksExample}: how files become tasks, and which row groups a split reads. */
class FilesToTasksExampleTest extends SparkTestBase {

  @TempDir Path dir;

  @Test
  void tasksComeFromBytesAndOpenCostAndASplitReadsOnlyTheRowGroupsWhoseMiddleItHolds()
      throws Exception {
    var o = FilesToTasksExample.filesToTasks(spark, hadoopPath(dir));
    long mb = 1024 * 1024;

    assertThat(o.rowGroups()).isEqualTo(4);
    var splits = o.splits();
    assertThat(splits.maxSplitBytes()).as("min(1 MB, max(4 MB, (file + 4 MB) / 2))").isEqualTo(mb);
    assertThat(splits.longestSparkSplit())
        .as("Spark's own plan cuts the file at that size")
        .isEqualTo(splits.maxSplitBytes());
    assertThat(splits.tasks())
        .as("one split per MB of the file, each its own task")
        .isEqualTo((int) ((splits.bytes() + mb - 1) / mb))
        .isEqualTo(splits.plannedTasks())
        .isGreaterThan(4);
    assertThat(splits.tasksWithRows())
        .as("only splits holding a row group's middle byte read rows")
        .isEqualTo(o.splitsHoldingARowGroupsMiddle())
        .isEqualTo(4);
    assertThat(splits.rowsPerTask())
        .as("a row group is never cut between tasks")
        .isEqualTo(Collections.nCopies(4, (long) FilesToTasksExample.ROWS_PER_ROW_GROUP));

    var oneFile = o.oneFile();
    assertThat(oneFile.maxSplitBytes())
        .as("(file + 4 MB) / 2 cores, under 128 MB")
        .isEqualTo((oneFile.bytes() + 4 * mb) / 2);
    assertThat(oneFile.longestSparkSplit())
        .as("Spark's own plan: the file is longer than the split, so the first split has its size")
        .isEqualTo(oneFile.maxSplitBytes());
    assertThat(oneFile.tasks()).isEqualTo(2).isEqualTo(oneFile.plannedTasks());

    var small = o.smallFiles();
    assertThat(small.files()).isEqualTo(100);
    assertThat(small.bytes() / small.files()).as("small files").isLessThan(128 * 1024);
    assertThat(small.maxSplitBytes())
        .as("100 x 4 MB of open cost / 2 cores exceeds 128 MB")
        .isEqualTo(128 * mb);
    assertThat(small.tasks())
        .as("32 files of open cost 4 MB fill a 128 MB task: ceil(100 / 32)")
        .isEqualTo(4)
        .isEqualTo(small.plannedTasks());
    assertThat(small.rowsPerTask().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(FilesToTasksExample.ROWS);

    var compacted = o.compacted();
    assertThat(compacted.files()).isEqualTo(1);
    assertThat(compacted.tasks()).isEqualTo(2).isEqualTo(compacted.plannedTasks());
    assertThat(compacted.rowsPerTask()).containsExactly(FilesToTasksExample.ROWS);
  }
}
