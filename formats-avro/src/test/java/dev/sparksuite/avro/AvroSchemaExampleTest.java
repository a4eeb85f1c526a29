package dev.sparksuite.avro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.SparkTestBase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AvroSchemaExample}: an explicit schema sets names, unions and logical types. */
class AvroSchemaExampleTest extends SparkTestBase {

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
}
