package dev.sparksuite.avro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.SparkTestBase;
import org.apache.avro.SchemaNormalization;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** {@link AvroSingleObjectExample}: Avro's single-object encoding, written and decoded. */
class AvroSingleObjectExampleTest extends SparkTestBase {

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
