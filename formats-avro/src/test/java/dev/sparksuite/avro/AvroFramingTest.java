package dev.sparksuite.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.SchemaNormalization;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AvroRegistryFramingExample}, {@link AvroSingleObjectExample} and {@link
 * AvroReaderSchemaExample}: the registry wire format, Avro's single-object encoding, and one reader
 * schema for every writer version.
 */
class AvroFramingTest extends SparkTestBase {

  @TempDir Path dir;

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

  @Test
  void theSingleObjectHeaderIsAMarkerAndTheSchemasFingerprint() {
    var single = AvroSingleObjectExample.encodeAndDecode(spark);
    long v1 = SchemaNormalization.parsingFingerprint64(AvroSingleObjectExample.V1);

    assertThat(single.header()).startsWith("C301");
    assertThat(single.afterHeader())
        .as("after the 10 header bytes, the record's plain Avro binary and nothing else")
        .isEqualTo(single.plainBinary());
    assertThat(single.fingerprintInHeader()).isEqualTo(v1);
    assertThat(single.readAsV2())
        .as("v1's writer schema, found by fingerprint, resolved against v2")
        .isEqualTo("{\"id\": 7, \"country\": \"Germany\", \"channel\": \"web\"}");
    assertThat(single.unknownFingerprint())
        .isEqualTo("MissingSchemaException: Cannot resolve schema for fingerprint: " + v1);
    assertThat(single.registryHeader()).isEqualTo("000000002A");
    assertThat(single.registryFramed())
        .isEqualTo("BadHeaderException: Unrecognized header bytes: 0x00 0x00");
    assertThat(single.shortMessage()).isEqualTo("BadHeaderException: Not enough header bytes");
  }

  @Test
  void sparkDecodesSingleObjectMessagesTenBytesIn() {
    var single = AvroSingleObjectExample.encodeAndDecode(spark);
    String fingerprint = single.header().substring(4);

    assertThat(single.sparkRows())
        .containsExactly(
            RowFactory.create("C301", fingerprint, 0L, "DE"),
            RowFactory.create("C301", fingerprint, 1L, "FR"),
            RowFactory.create("C301", fingerprint, 2L, "DE"));
  }
}
