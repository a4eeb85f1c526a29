package dev.sparksuite.avro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.lessonkit.SqlConf;
import dev.sparksuite.testkit.SparkTestBase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link AvroSchemaExample}, {@link SchemaEvolutionExample} and {@link AvroBinaryColumnsExample}:
 * each test proves the fact its lesson states ({@link AvroWriteReadExample} and {@link
 * AvroCodecsExample} are proved for every format by SameLessonAcrossFormatsTest).
 */
class AvroLessonsTest extends SparkTestBase {

  @TempDir Path dir;

  @Test
  void anExplicitSchemaSetsNamesUnionsAndLogicalTypes() throws Exception {
    var explicit = AvroSchemaExample.writeWithSchema(spark, hadoopPath(dir.resolve("payments")));

    Schema schema = explicit.fileSchema();
    assertThat(schema.getFullName()).isEqualTo("dev.sparksuite.payments.Payment");
    assertThat(schema.getField("price").schema().getLogicalType())
        .isEqualTo(LogicalTypes.decimal(10, 2));
    assertThat(schema.getField("booked_on").schema().getLogicalType())
        .isEqualTo(LogicalTypes.date());
    assertThat(schema.getField("paid_at").schema().getLogicalType())
        .isEqualTo(LogicalTypes.timestampMillis());
    assertThat(schema.getField("reference").schema().getTypes())
        .extracting(Schema::getType)
        .containsExactly(Schema.Type.NULL, Schema.Type.STRING);
    assertThat(explicit.sparkSchema())
        .isEqualTo(
            "struct<id:bigint,price:decimal(10,2),booked_on:date,paid_at:timestamp,reference:string>");
    assertThat(explicit.rows().get(1).getDecimal(1)).isEqualByComparingTo(new BigDecimal("1.25"));
    assertThat(explicit.rows().get(1).getDate(2)).isEqualTo(Date.valueOf("2026-01-02"));
    assertThat(explicit.rows().get(1).isNullAt(4)).isTrue();
    assertThat(explicit.rows().get(2).getString(4)).isEqualTo("ref-2");
  }

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
