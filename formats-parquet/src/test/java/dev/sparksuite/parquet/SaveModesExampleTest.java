package dev.sparksuite.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SaveModesExample}: what each save mode keeps, refuses or deletes. */
class SaveModesExampleTest extends SparkTestBase {

  @TempDir Path dir;

  @Test
  void saveModesRefuseAppendReplaceOrIgnore() throws Exception {
    var modes = SaveModesExample.applyModes(spark, hadoopPath(dir.resolve("modes")));

    assertThat(modes.afterFirstWrite()).isEqualTo(100);
    assertThat(modes.errorIfExistsMessage()).contains("PATH_ALREADY_EXISTS");
    assertThat(modes.afterErrorIfExists()).isEqualTo(100);
    assertThat(modes.afterAppend()).isEqualTo(110);
    assertThat(modes.filesKeptByAppend()).as("append keeps the old file").isEqualTo(1);
    assertThat(modes.afterOverwrite()).isEqualTo(5);
    assertThat(modes.filesKeptByOverwrite()).as("overwrite deletes both old files").isZero();
    assertThat(modes.afterIgnore()).as("ignore wrote nothing").isEqualTo(5);
    assertThat(modes.afterFailedOverwrite())
        .as("the failed overwrite had deleted the 5 rows before its job ran: no file is left")
        .startsWith("[UNABLE_TO_INFER_SCHEMA]");
  }
}
