package dev.sparksuite.avro;

import dev.sparksuite.lessonkit.Lesson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.avro.SchemaConverters;
import org.apache.spark.sql.types.StructField;

/**
 * Avro's logical and complex types as Spark sees them. A file written by the avro library with
 * every kind of field is read by spark-avro, and each field lands on a Spark type: {@code date} on
 * date; {@code timestamp-millis} and {@code timestamp-micros} on timestamp (an instant); {@code
 * local-timestamp-millis} and {@code -micros} on timestamp_ntz (a wall-clock time); {@code decimal}
 * on decimal(p,s) whether stored as bytes or as fixed; {@code uuid}, an {@code enum} and a {@code
 * string} all on string; a plain {@code fixed} on binary; {@code map} on map with string keys;
 * {@code array} on array. A union of null and several types becomes a struct with one nullable
 * field per non-null branch, {@code member0}, {@code member1}, … in the union's order (with {@code
 * enableStableIdentifiersForUnionType}, {@code member_int}, {@code member_string}, … instead),
 * exactly one member set per row, or the struct itself null for the null branch. Two unions are
 * widened to one type instead: int with long becomes bigint, float with double becomes double (with
 * null or without).
 *
 * <p>On the way back, the Spark types alone no longer say which Avro type they came from: without
 * {@code avroSchema}, Spark writes a decimal as fixed, timestamps as {@code timestamp-micros},
 * timestamp_ntz as {@code local-timestamp-micros}, a plain fixed as bytes, an enum or uuid as
 * string and the union as a record. With the original schema as {@code avroSchema}, the file holds
 * that schema again, and the avro library reads back the records it wrote.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.avro.AvroTypesExample
 * formats-avro/target/formats-avro.jar <output-dir>}; the output directory may be a local path or
 * on HDFS ({@code hdfs://namenode:8020/lessons/avro}).
 */
public final class AvroTypesExample {

  public static final Schema SCHEMA =
      new Schema.Parser()
          .parse(
              """
      {"type": "record", "name": "Shipment", "namespace": "dev.sparksuite.types", "fields": [
        {"name": "day", "type": {"type": "int", "logicalType": "date"}},
        {"name": "sent_millis", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "sent_micros", "type": {"type": "long", "logicalType": "timestamp-micros"}},
        {"name": "local_millis", "type": {"type": "long", "logicalType": "local-timestamp-millis"}},
        {"name": "local_micros", "type": {"type": "long", "logicalType": "local-timestamp-micros"}},
        {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}},
        {"name": "weight", "type": {"type": "fixed", "name": "Weight", "size": 6,
                                    "logicalType": "decimal", "precision": 12, "scale": 3}},
        {"name": "ref", "type": {"type": "string", "logicalType": "uuid"}},
        {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID", "SHIPPED"]}},
        {"name": "checksum", "type": {"type": "fixed", "name": "Checksum", "size": 4}},
        {"name": "tags", "type": {"type": "map", "values": "int"}},
        {"name": "lines", "type": {"type": "array", "items": "long"}},
        {"name": "value", "type": ["null", "int", "string", "double"], "default": null}]}""");

  /**
   * 2026-01-01T00:00:00.123456Z: the millisecond fields keep .123, the microsecond fields .123456.
   */
  static final Instant SENT = Instant.parse("2026-01-01T00:00:00.123456Z");

  private AvroTypesExample() {}

  /**
   * Spark's type per field, the rows Spark read, the union's struct under stable identifiers, the
   * Spark type of three unions (by their JSON), and the Avro types in files Spark wrote back
   * without and with {@code avroSchema}.
   */
  public record Types(
      Map<String, String> sparkTypes,
      List<Row> rows,
      String stableUnion,
      Map<String, String> unionTypes,
      Map<String, String> derivedAvroTypes,
      boolean sameSchemaWithAvroSchema,
      List<String> recordsWithAvroSchema) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        AvroTypesExample.class,
        (spark, output) -> {
          Types t = roundTrip(spark, new Path(output, "shipments"));
          System.out.printf(
              "setup: %d shipments written by the avro library, one per branch of the value union, "
                  + "read with format(\"avro\")%n",
              records().size());
          System.out.println("Avro field    -> Spark type");
          t.sparkTypes().forEach((field, type) -> System.out.printf("%-13s -> %s%n", field, type));
          System.out.println("union with stable identifiers: " + t.stableUnion());
          t.unionTypes()
              .forEach((union, type) -> System.out.printf("union %-26s -> %s%n", union, type));
          System.out.println("rows (" + String.join(", ", t.sparkTypes().keySet()) + "):");
          // checksum is binary: hex, not the array's identity.
          t.rows()
              .forEach(
                  r ->
                      System.out.println(
                          "  "
                              + IntStream.range(0, r.size())
                                  .mapToObj(
                                      i ->
                                          r.get(i) instanceof byte[] b
                                              ? "0x" + HexFormat.of().formatHex(b)
                                              : String.valueOf(r.get(i)))
                                  .collect(Collectors.joining(","))));
          System.out.println("Spark writes without avroSchema: " + t.derivedAvroTypes());
          System.out.println(
              "with avroSchema, the file's schema is the original: "
                  + t.sameSchemaWithAvroSchema());
          System.out.println(
              "records the avro library wrote and read back equal: "
                  + t.recordsWithAvroSchema()
                      .equals(records().stream().map(Object::toString).toList()));
          System.out.println(
              "what this shows: each Avro logical and complex type has a Spark type; written back "
                  + "without avroSchema some change, with avroSchema the file keeps the original schema and records");
        });
  }

  /** Four shipments, one per branch of the union: null, an int, a string, a double. */
  public static List<GenericRecord> records() {
    Object[] values = {null, 7, "seven", 7.5};
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, SENT);
    List<GenericRecord> records = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      GenericRecord r = new GenericData.Record(SCHEMA);
      r.put("day", (int) LocalDate.of(2026, 1, 1).plusDays(i).toEpochDay());
      r.put("sent_millis", micros / 1_000);
      r.put("sent_micros", micros);
      r.put("local_millis", micros / 1_000);
      r.put("local_micros", micros);
      r.put(
          "price",
          ByteBuffer.wrap(unscaled(new BigDecimal("12.34").add(BigDecimal.valueOf(i)), 0)));
      r.put(
          "weight",
          new GenericData.Fixed(
              SCHEMA.getField("weight").schema(), unscaled(new BigDecimal("-5.125"), 6)));
      r.put("ref", "123e4567-e89b-12d3-a456-42661417400" + i);
      r.put(
          "status",
          new GenericData.EnumSymbol(
              SCHEMA.getField("status").schema(), i % 2 == 0 ? "PAID" : "SHIPPED"));
      r.put(
          "checksum",
          new GenericData.Fixed(
              SCHEMA.getField("checksum").schema(), new byte[] {1, 2, 3, (byte) i}));
      r.put("tags", Map.of("priority", i));
      r.put("lines", List.of((long) i, i + 1L));
      r.put("value", values[i]);
      records.add(r);
    }
    return records;
  }

  /**
   * The Spark type spark-avro's reader gives three unions ({@code SchemaConverters}, which it calls
   * for every field): two numeric pairs it widens, and the struct for any other mix.
   */
  static Map<String, String> unionTypes() {
    Map<String, String> types = new LinkedHashMap<>();
    for (String union :
        List.of(
            "[\"null\",\"int\",\"long\"]",
            "[\"null\",\"float\",\"double\"]",
            "[\"null\",\"int\",\"double\"]")) {
      types.put(
          union,
          SchemaConverters.toSqlType(new Schema.Parser().parse(union)).dataType().simpleString());
    }
    return types;
  }

  /**
   * A decimal as Avro stores it: the unscaled value, two's complement, big-endian; a fixed of
   * {@code size} bytes is padded with the sign.
   */
  static byte[] unscaled(BigDecimal value, int size) {
    byte[] bytes = value.unscaledValue().toByteArray();
    if (size == 0) {
      return bytes;
    }
    byte[] fixed = new byte[size];
    Arrays.fill(fixed, value.signum() < 0 ? (byte) 0xFF : 0);
    System.arraycopy(bytes, 0, fixed, size - bytes.length, bytes.length);
    return fixed;
  }

  public static Types roundTrip(SparkSession spark, Path dir) throws IOException {
    FileSystem fs = Lesson.fileSystem(spark, dir);
    Path nativeDir = new Path(dir, "native");
    write(fs, new Path(nativeDir, "shipments.avro"), records());

    Dataset<Row> shipments = spark.read().format("avro").load(nativeDir.toString());
    Map<String, String> sparkTypes = new LinkedHashMap<>();
    for (StructField f : shipments.schema().fields()) {
      sparkTypes.put(f.name(), f.dataType().simpleString());
    }
    List<Row> rows = shipments.orderBy("day").collectAsList();
    String stableUnion =
        spark
            .read()
            .format("avro")
            .option("enableStableIdentifiersForUnionType", "true")
            .load(nativeDir.toString())
            .schema()
            .apply("value")
            .dataType()
            .simpleString();

    Path derived = new Path(dir, "spark-derived");
    shipments.coalesce(1).write().mode("overwrite").format("avro").save(derived.toString());
    Map<String, String> derivedTypes = new LinkedHashMap<>();
    for (Schema.Field f :
        readAll(fs, AvroFiles.dataFiles(fs, derived).get(0).getPath(), new ArrayList<>())
            .getFields()) {
      derivedTypes.put(f.name(), describe(f.schema()));
    }

    Path explicit = new Path(dir, "spark-avro-schema");
    shipments
        .orderBy("day")
        .coalesce(1)
        .write()
        .mode("overwrite")
        .format("avro")
        .option("avroSchema", SCHEMA.toString())
        .save(explicit.toString());
    List<String> back = new ArrayList<>();
    Schema written = readAll(fs, AvroFiles.dataFiles(fs, explicit).get(0).getPath(), back);
    return new Types(
        sparkTypes, rows, stableUnion, unionTypes(), derivedTypes, written.equals(SCHEMA), back);
  }

  /** The non-null branch of Spark's {@code [type, "null"]} union, with its logical type. */
  static String describe(Schema schema) {
    Schema s =
        schema.isUnion()
            ? schema.getTypes().stream()
                .filter(t -> t.getType() != Schema.Type.NULL)
                .findFirst()
                .orElseThrow()
            : schema;
    String logical =
        s.getLogicalType() instanceof LogicalTypes.Decimal d
            ? "decimal(" + d.getPrecision() + "," + d.getScale() + ")"
            : s.getLogicalType() == null ? null : s.getLogicalType().getName();
    return s.getType().getName() + (logical == null ? "" : " " + logical);
  }

  static void write(FileSystem fs, Path file, List<GenericRecord> records) {
    try (DataFileWriter<GenericRecord> writer =
        new DataFileWriter<>(new GenericDatumWriter<>(SCHEMA))) {
      writer.create(SCHEMA, fs.create(file));
      for (GenericRecord r : records) {
        writer.append(r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Reads every record of a file into {@code into} as text; returns the file's schema. */
  static Schema readAll(FileSystem fs, Path file, List<String> into) {
    try (DataFileReader<GenericRecord> reader =
        new DataFileReader<>(AvroFiles.input(fs, file), new GenericDatumReader<>())) {
      reader.forEach(r -> into.add(r.toString()));
      return reader.getSchema();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
