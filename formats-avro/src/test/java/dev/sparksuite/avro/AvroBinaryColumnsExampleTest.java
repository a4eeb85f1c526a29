package dev.sparksuite.avro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.lessonkit.SqlConf;
import dev.sparksuite.testkit.SparkTestBase;
import java.util.Map;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link AvroBinaryColumnsExample}: {@code to_avro} and {@code from_avro} on binary columns,
 * malformed payloads, and why the writer schema must be explicit.
 */
class AvroBinaryColumnsExampleTest extends SparkTestBase {

  @Test
  void aMalformedPayloadIsAStructOfNullsUnderPermissiveAndFatalByDefault() {
    var binary = AvroBinaryColumnsExample.encodeAndDecode(spark);

    assertThat(binary.decoded())
        .containsExactly(
            RowFactory.create(0L, "DE"), RowFactory.create(1L, "FR"), RowFactory.create(2L, "DE"));
    assertThat(binary.permissive())
        .as("offset, order IS NULL, id, country")
        .containsExactly(
            RowFactory.create(0L, false, 0L, "DE"),
            RowFactory.create(1L, false, 1L, "FR"),
            RowFactory.create(2L, false, 2L, "DE"),
            RowFactory.create(3L, false, null, null));
    assertThat(binary.nullStructs()).as("WHERE order IS NULL finds nothing").isZero();
    assertThat(binary.deadLetters())
        .as("found through the required id, with its raw bytes and offset")
        .containsExactly(RowFactory.create(3L, "FF"));
    assertThat(binary.failFastError())
        .startsWith("Malformed records are detected in record parsing")
        .contains("FAILFAST");
    assertThat(binary.defaultModeError())
        .as("with no mode option the query stops as under FAILFAST")
        .isEqualTo(binary.failFastError());
  }

  @ParameterizedTest(name = "spark.sql.ansi.enabled = {0}")
  @ValueSource(strings = {"true", "false"})
  void theExplicitWriterSchemaGivesTheSameBytesWhateverTheAnsiSetting(String ansi) {
    var binary =
        SqlConf.with(
            spark,
            Map.of("spark.sql.ansi.enabled", ansi),
            () -> AvroBinaryColumnsExample.encodeAndDecode(spark));

    assertThat(binary.payloadHex())
        .as("zigzag id, string length, bytes: no union branch index")
        .containsExactly("00044445", "02044652", "04044445");
    assertThat(binary.decoded())
        .containsExactly(
            RowFactory.create(0L, "DE"), RowFactory.create(1L, "FR"), RowFactory.create(2L, "DE"));
  }

  @Test
  void aDerivedWriterSchemaMisdecodesSilentlyOnceTheColumnTurnsNullable() {
    var ansi =
        SqlConf.with(
            spark,
            Map.of("spark.sql.ansi.enabled", "true"),
            () -> AvroBinaryColumnsExample.encodeAndDecode(spark, false));
    var legacy =
        SqlConf.with(
            spark,
            Map.of("spark.sql.ansi.enabled", "false"),
            () -> AvroBinaryColumnsExample.encodeAndDecode(spark, false));

    assertThat(ansi.payloadHex()).containsExactly("00044445", "02044652", "04044445");
    assertThat(legacy.payloadHex())
        .as("a nullable column is written as [\"string\",\"null\"], branch 0 first")
        .containsExactly("0000044445", "0200044652", "0400044445");
    assertThat(legacy.decoded())
        .as("the reader's plain string takes the branch index for an empty string")
        .containsExactly(
            RowFactory.create(0L, ""), RowFactory.create(1L, ""), RowFactory.create(2L, ""));
  }
}
