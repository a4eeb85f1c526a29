package dev.sparksuite.avro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AvroReaderSchemaExample}: every writer version resolves to the reader schema, in a batch
 * and in a stream.
 */
class AvroReaderSchemaExampleTest extends SparkTestBase {

  @TempDir Path dir;

  @Test
  void everyWriterVersionResolvesToTheReaderSchemaInABatchAndInAStream() throws Exception {
    var r = AvroReaderSchemaExample.decodeEveryVersion(spark, hadoopPath(dir.resolve("versions")));

    assertThat(r.ownSchemas())
        .as("each id decoded with its own schema: the versions' columns differ")
        .startsWith(
            "[INCOMPATIBLE_COLUMN_TYPE] UNION can only be performed on tables with "
                + "compatible column types");
    var expected =
        List.of(
            RowFactory.create(1, 0L, "DE", 1.0, "web"),
            RowFactory.create(1, 1L, "FR", 2.0, "web"),
            RowFactory.create(1, 2L, "NL", 3.0, "web"),
            RowFactory.create(2, 3L, "DE", 4.0, "app"),
            RowFactory.create(2, 4L, "FR", 5.0, "app"),
            RowFactory.create(2, 5L, "NL", 6.0, "app"));
    assertThat(r.resolved())
        .as("v1 records take channel's default from the reader schema")
        .containsExactlyElementsOf(expected);
    assertThat(r.streamed()).containsExactlyElementsOf(expected);
  }
}
