package dev.sparksuite.avro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SchemaEvolutionExample}: old data reads with the new schema, and only the compatibility
 * check refuses the breaking change.
 */
class SchemaEvolutionExampleTest extends SparkTestBase {

  @TempDir Path dir;

  @Test
  void v1DataReadsWithTheV2SchemaAndOnlyTheCompatibilityCheckRefusesTheBrokenChange()
      throws Exception {
    var evolution = SchemaEvolutionExample.evolve(spark, hadoopPath(dir.resolve("customers")));

    assertThat(evolution.fileFields())
        .as("the v1 file holds the field v2 drops")
        .containsExactly("id", "name", "fax");
    assertThat(evolution.nativeV2Records())
        .containsExactly(
            "{\"id\": 1, \"full_name\": \"customer 1\", \"tier\": \"standard\"}",
            "{\"id\": 2, \"full_name\": \"customer 2\", \"tier\": \"standard\"}");
    assertThat(evolution.sparkV2Schema())
        .as("Spark takes its columns from the reader's schema")
        .isEqualTo("struct<id:bigint,full_name:string,tier:string>");
    assertThat(evolution.sparkV2Rows())
        .containsExactly(
            RowFactory.create(1L, "customer 1", "standard"),
            RowFactory.create(2L, "customer 2", "standard"));
    assertThat(evolution.brokenVerdict())
        .isEqualTo("INCOMPATIBLE: [READER_FIELD_MISSING_DEFAULT_VALUE region]");
    assertThat(evolution.sparkBrokenError())
        .as("Spark fails where Avro's resolution does, at the first record")
        .startsWith("AvroTypeException")
        .endsWith("missing required field region");
    assertThat(evolution.sparkBrokenRowsOfEmptyFile())
        .as("with no record to resolve, Spark reads the broken schema without an error")
        .isZero();
  }
}
