package dev.sparksuite.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.sparksuite.testkit.SparkTestBase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AvroTypesExample}. */
class AvroTypesExampleTest extends SparkTestBase {

  @TempDir static Path dir;

  private static AvroTypesExample.Types types;

  @BeforeAll
  static void roundTrip() throws Exception {
    types = AvroTypesExample.roundTrip(spark, hadoopPath(dir.resolve("shipments")));
  }

  @Test
  void eachAvroTypeLandsOnItsSparkType() {
    assertThat(types.sparkTypes())
        .containsExactly(
            entry("day", "date"),
            entry("sent_millis", "timestamp"),
            entry("sent_micros", "timestamp"),
            entry("local_millis", "timestamp_ntz"),
            entry("local_micros", "timestamp_ntz"),
            entry("price", "decimal(9,2)"),
            entry("weight", "decimal(12,3)"),
            entry("ref", "string"),
            entry("status", "string"),
            entry("checksum", "binary"),
            entry("tags", "map<string,int>"),
            entry("lines", "array<bigint>"),
            entry("value", "struct<member0:int,member1:string,member2:double>"));
    assertThat(types.stableUnion())
        .isEqualTo("struct<member_int:int,member_string:string,member_double:double>");
  }

  @Test
  void twoNumericUnionsAreWidenedInsteadOfBecomingAStruct() {
    assertThat(types.unionTypes())
        .containsExactly(
            entry("[\"null\",\"int\",\"long\"]", "bigint"),
            entry("[\"null\",\"float\",\"double\"]", "double"),
            entry("[\"null\",\"int\",\"double\"]", "struct<member0:int,member1:double>"));
  }

  @Test
  void valuesSurviveTheMapping() {
    List<Row> rows = types.rows();
    Row first = rows.get(0);

    assertThat(first.getDate(0)).isEqualTo(Date.valueOf("2026-01-01"));
    assertThat(first.getTimestamp(1))
        .as("millisecond precision")
        .isEqualTo(Timestamp.from(AvroTypesExample.SENT.minusNanos(456_000)));
    assertThat(first.getTimestamp(2)).isEqualTo(Timestamp.from(AvroTypesExample.SENT));
    assertThat((LocalDateTime) first.get(3))
        .isEqualTo(LocalDateTime.parse("2026-01-01T00:00:00.123"));
    assertThat((LocalDateTime) first.get(4))
        .isEqualTo(LocalDateTime.parse("2026-01-01T00:00:00.123456"));
    assertThat(first.getDecimal(5)).isEqualTo(new BigDecimal("12.34"));
    assertThat(first.getDecimal(6))
        .as("a negative decimal in a fixed, sign-padded")
        .isEqualTo(new BigDecimal("-5.125"));
    assertThat(first.getString(7)).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
    assertThat(rows)
        .extracting(r -> r.getString(8))
        .as("the enum's symbol, as a string")
        .containsExactly("PAID", "SHIPPED", "PAID", "SHIPPED");
    assertThat((byte[]) first.get(9)).containsExactly(1, 2, 3, 0);
    assertThat(rows.get(2).getJavaMap(10)).containsExactly(entry("priority", 2));
    assertThat(rows.get(2).getList(11)).containsExactly(2L, 3L);
    assertThat(rows)
        .extracting(r -> r.get(12))
        .as("one member set per row, the others null")
        .containsExactly(
            null,
            RowFactory.create(7, null, null),
            RowFactory.create(null, "seven", null),
            RowFactory.create(null, null, 7.5));
  }

  @Test
  void withoutAvroSchemaSparkWritesItsOwnAvroTypes() {
    assertThat(types.derivedAvroTypes())
        .containsExactly(
            entry("day", "int date"),
            entry("sent_millis", "long timestamp-micros"),
            entry("sent_micros", "long timestamp-micros"),
            entry("local_millis", "long local-timestamp-micros"),
            entry("local_micros", "long local-timestamp-micros"),
            entry("price", "fixed decimal(9,2)"),
            entry("weight", "fixed decimal(12,3)"),
            entry("ref", "string"),
            entry("status", "string"),
            entry("checksum", "bytes"),
            entry("tags", "map"),
            entry("lines", "array"),
            entry("value", "record"));
  }

  @Test
  void withTheOriginalSchemaSparkWritesBackWhatTheAvroLibraryWrote() {
    assertThat(types.sameSchemaWithAvroSchema())
        .as("the file header holds the original schema")
        .isTrue();
    assertThat(types.recordsWithAvroSchema())
        .containsExactlyElementsOf(
            AvroTypesExample.records().stream().map(Object::toString).toList());
  }
}
