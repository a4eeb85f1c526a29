package dev.sparksuite.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparksuite.testkit.SparkTestBase;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/**
 * {@link AvroRegistryFramingExample}: the schema registry's wire format, and what {@code from_avro}
 * does with it.
 */
class AvroRegistryFramingExampleTest extends SparkTestBase {

  @Test
  void sparkStripsTheRegistryPrefixReadsTheSchemaIdAndDecodesTheRest() {
    var framing = AvroRegistryFramingExample.frameAndDecode(spark);

    assertThat(framing.prefixes())
        .as("magic byte 0, then 42 as a big-endian int")
        .containsOnly("000000002A")
        .hasSize(3);
    assertThat(framing.stripped())
        .containsExactly(
            RowFactory.create(42, 0L, "DE", 1.0),
            RowFactory.create(42, 1L, "FR", 2.0),
            RowFactory.create(42, 2L, "NL", 3.0));
  }

  @Test
  void fromAvroGivenTheWholeFramedValueReturnsWrongRowsWithoutAnError() {
    var framing = AvroRegistryFramingExample.frameAndDecode(spark);

    assertThat(framing.unstripped())
        .as("magic byte as id 0, the id's first byte as an empty country")
        .hasSize(3)
        .allSatisfy(
            row -> {
              assertThat(row.getLong(0)).isZero();
              assertThat(row.getString(1)).isEmpty();
            });
    assertThat(framing.unstripped())
        .extracting(row -> row.getDouble(2))
        .doesNotContain(1.0, 2.0, 3.0);
  }

  @Test
  void fromAvroNeverChecksThatTheRecordUsedUpTheBytes() {
    var framing = AvroRegistryFramingExample.frameAndDecode(spark);

    assertThat(framing.trailingBytes())
        .as("two bytes after each record change nothing, even under FAILFAST")
        .containsExactly(
            RowFactory.create(0L, "DE", 1.0),
            RowFactory.create(1L, "FR", 2.0),
            RowFactory.create(2L, "NL", 3.0));
  }

  @Test
  void anUnknownSchemaIdStopsTheDecodeWithOneLine() {
    var values = AvroRegistryFramingExample.framed(spark, 3, 7);

    assertThatThrownBy(
            () -> AvroRegistryFramingExample.decode(values, AvroRegistryFramingExample.REGISTRY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("schema id 7 is not in the registry");
  }
}
