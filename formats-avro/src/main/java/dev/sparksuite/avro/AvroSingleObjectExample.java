package dev.sparksuite.avro;

import static org.apache.spark.sql.avro.functions.from_avro;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import dev.sparksuite.lessonkit.Lesson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Avro's single-object encoding, next to the registry wire format of {@link
 * AvroRegistryFramingExample}. Both put a header before the record's Avro binary so that a reader
 * can find the writer's schema:
 *
 * <ul>
 *   <li>single object ({@code BinaryMessageEncoder}): 10 bytes, the marker {@code C3 01} and the
 *       schema's 64-bit CRC-64-AVRO fingerprint (of its parsing canonical form), little-endian.
 *       Anyone holding the schema can compute the fingerprint; no server hands it out. The reader
 *       ({@code BinaryMessageDecoder}) keeps schemas by fingerprint: its own read schema, those
 *       added with {@code addSchema}, and those a {@code SchemaStore} finds. It decodes with the
 *       writer's schema resolved against its read schema, so a v1 message reads as v2. A
 *       fingerprint it cannot find is a {@code MissingSchemaException}; a message without the
 *       marker (a registry-framed one, say) is a {@code BadHeaderException}, and so is one shorter
 *       than the 10 header bytes.
 *   <li>registry wire format: 5 bytes, magic {@code 00} and a 4-byte big-endian id that only the
 *       registry that assigned it can turn back into a schema.
 * </ul>
 *
 * <p>Spark has no decoder for either header, but the body is plain Avro binary: with the schema
 * known, {@code from_avro(substring(value, 11), schema)} decodes single-object messages as {@code
 * substring(value, 6)} does registry-framed ones.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.avro.AvroSingleObjectExample
 * formats-avro/target/formats-avro.jar <output-dir>}; the output directory may be a local path or
 * on HDFS ({@code hdfs://namenode:8020/lessons/avro}).
 */
public final class AvroSingleObjectExample {

  /** The writer's schema. */
  public static final Schema V1 =
      new Schema.Parser()
          .parse(
              """
      {"type": "record", "name": "Order", "namespace": "dev.sparksuite.orders", "fields": [
        {"name": "id", "type": "long"}, {"name": "country", "type": "string"}]}""");

  /** The reader's schema: v1 plus a field with a default. */
  public static final Schema V2 =
      new Schema.Parser()
          .parse(
              """
      {"type": "record", "name": "Order", "namespace": "dev.sparksuite.orders", "fields": [
        {"name": "id", "type": "long"}, {"name": "country", "type": "string"},
        {"name": "channel", "type": "string", "default": "web"}]}""");

  private AvroSingleObjectExample() {}

  /**
   * The single-object header as hex, what follows it and the record's plain Avro binary (both as
   * hex), the fingerprint it carries and v1's own, the message decoded as v2, the errors for an
   * unknown fingerprint, a registry-framed message and a message of 6 bytes, a registry-framed
   * message's header, and Spark's rows.
   */
  public record SingleObject(
      String header,
      String afterHeader,
      String plainBinary,
      long fingerprintInHeader,
      long v1Fingerprint,
      String readAsV2,
      String unknownFingerprint,
      String registryFramed,
      String shortMessage,
      String registryHeader,
      List<Row> sparkRows) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        AvroSingleObjectExample.class,
        (spark, output) -> {
          SingleObject s = encodeAndDecode(spark);
          System.out.println(
              "setup: one order encoded with BinaryMessageEncoder (schema v1), decoded with "
                  + "BinaryMessageDecoder (schema v2, v1 known to its SchemaStore); then a registry-framed message and Spark");
          System.out.println("single-object header:  " + s.header());
          System.out.printf(
              "fingerprint in header: %016x, of v1: %016x%n",
              s.fingerprintInHeader(), s.v1Fingerprint());
          System.out.println("read as v2:            " + s.readAsV2());
          System.out.println("unknown fingerprint:   " + s.unknownFingerprint());
          System.out.println("registry-framed:       " + s.registryFramed());
          System.out.println("6 bytes of a message:  " + s.shortMessage());
          System.out.println("registry header:       " + s.registryHeader());
          System.out.println(
              "Spark, 10 bytes off:   " + s.sparkRows() + " (marker, fingerprint, id, country)");
          System.out.println(
              "what this shows: single-object encoding puts C3 01 and the writer schema's 8-byte "
                  + "fingerprint before the record (10 bytes, the registry's 5), so a decoder finds the writer's schema "
                  + "by fingerprint and resolves it against its own");
        });
  }

  public static GenericRecord order(long id, String country) {
    GenericRecord order = new GenericData.Record(V1);
    order.put("id", id);
    order.put("country", country);
    return order;
  }

  public static SingleObject encodeAndDecode(SparkSession spark) {
    BinaryMessageEncoder<GenericRecord> encoder = new BinaryMessageEncoder<>(GenericData.get(), V1);
    byte[] message = encode(encoder, order(7, "Germany"));
    HexFormat hex = HexFormat.of().withUpperCase();
    long inHeader = ByteBuffer.wrap(message, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();

    // The reader knows v2 and finds v1 through a store, as it would in a shared schema catalogue.
    SchemaStore.Cache store = new SchemaStore.Cache();
    store.addSchema(V1);
    BinaryMessageDecoder<GenericRecord> knowsV1 =
        new BinaryMessageDecoder<>(GenericData.get(), V2, store);
    String readAsV2 = decode(knowsV1, message).toString();

    // Only its own read schema: v1's fingerprint is not v2's.
    BinaryMessageDecoder<GenericRecord> onlyV2 = new BinaryMessageDecoder<>(GenericData.get(), V2);
    String unknown = errorOf(onlyV2, message);

    byte[] body = new byte[message.length - 10];
    System.arraycopy(message, 10, body, 0, body.length);
    byte[] registryFramed =
        ByteBuffer.allocate(5 + body.length)
            .put((byte) 0)
            .putInt(AvroRegistryFramingExample.SCHEMA_ID)
            .put(body)
            .array();
    String wrongHeader = errorOf(knowsV1, registryFramed);
    String tooShort = errorOf(knowsV1, Arrays.copyOf(message, 6));

    List<Row> values = new ArrayList<>();
    for (long id = 0; id < 3; id++) {
      values.add(RowFactory.create((Object) encode(encoder, order(id, id % 2 == 0 ? "DE" : "FR"))));
    }
    List<Row> sparkRows =
        spark
            .createDataFrame(values, new StructType().add("value", DataTypes.BinaryType))
            .select(
                expr("hex(substring(value, 1, 2))").as("marker"),
                expr("hex(substring(value, 3, 8))").as("fingerprint"),
                from_avro(expr("substring(value, 11)"), V1.toString(), Map.of("mode", "FAILFAST"))
                    .as("order"))
            .select(col("marker"), col("fingerprint"), col("order.id"), col("order.country"))
            .orderBy("id")
            .collectAsList();

    return new SingleObject(
        hex.formatHex(message, 0, 10),
        hex.formatHex(message, 10, message.length),
        hex.formatHex(plainBinary(order(7, "Germany"))),
        inHeader,
        SchemaNormalization.parsingFingerprint64(V1),
        readAsV2,
        unknown,
        wrongHeader,
        tooShort,
        hex.formatHex(registryFramed, 0, 5),
        sparkRows);
  }

  static byte[] encode(BinaryMessageEncoder<GenericRecord> encoder, GenericRecord record) {
    try {
      ByteBuffer buffer = encoder.encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + record, e);
    }
  }

  static GenericRecord decode(BinaryMessageDecoder<GenericRecord> decoder, byte[] message) {
    try {
      return decoder.decode(message);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode a message of " + message.length + " bytes", e);
    }
  }

  /** The record as plain Avro binary, as {@code to_avro} or a bare datum writer writes it. */
  static byte[] plainBinary(GenericRecord record) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder out = EncoderFactory.get().binaryEncoder(bytes, null);
    try {
      new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + record, e);
    }
    return bytes.toByteArray();
  }

  /** The exception a decoder throws for the message, as "SimpleName: message". */
  static String errorOf(BinaryMessageDecoder<GenericRecord> decoder, byte[] message) {
    try {
      return "decoded " + decoder.decode(message);
    } catch (IOException | RuntimeException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }
}
