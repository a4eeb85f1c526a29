package dev.sparksuite.avro;

import dev.sparksuite.lessonkit.JarIndex;
import dev.sparksuite.lessonkit.JarIndex.Entry;
import java.util.List;

/**
 * The jar's {@code Main-Class}: {@code spark-submit formats-avro.jar} lists the lessons (in the
 * module README's order) and the inspector; {@code spark-submit formats-avro.jar <Class>
 * <arguments>} runs one.
 */
public final class AvroDriver {

  static final JarIndex INDEX =
      new JarIndex(
          "formats-avro.jar",
          List.of(
              new Entry(
                  AvroWriteReadExample.class,
                  AvroWriteReadExample::teach,
                  "lesson 1: write and read"),
              new Entry(
                  AvroSchemaExample.class, AvroSchemaExample::teach, "lesson 2: explicit schema"),
              new Entry(
                  SchemaEvolutionExample.class,
                  SchemaEvolutionExample::teach,
                  "lesson 3: schema evolution"),
              new Entry(AvroCodecsExample.class, AvroCodecsExample::teach, "lesson 4: codecs"),
              new Entry(
                  AvroBinaryColumnsExample.class,
                  AvroBinaryColumnsExample::teach,
                  "lesson 5: Avro in a column"),
              new Entry(NativeAvroExample.class, NativeAvroExample::teach, "lesson 6: native API"),
              new Entry(
                  KafkaAvroExample.class, "<bootstrap-servers> <output-dir>", "lesson 7: Kafka"),
              new Entry(
                  AvroTypesExample.class,
                  AvroTypesExample::teach,
                  "lesson 8: logical and complex types"),
              new Entry(
                  AvroRegistryFramingExample.class,
                  AvroRegistryFramingExample::teach,
                  "lesson 9: registry wire format"),
              new Entry(
                  AvroSingleObjectExample.class,
                  AvroSingleObjectExample::teach,
                  "lesson 10: single-object encoding"),
              new Entry(
                  AvroCompatibilityExample.class,
                  AvroCompatibilityExample::teach,
                  "lesson 11: schema compatibility"),
              new Entry(
                  AvroReaderSchemaExample.class,
                  AvroReaderSchemaExample::teach,
                  "lesson 12: one reader schema for every version")),
          List.of(
              new Entry(
                  AvroInspect.class,
                  AvroInspect.USAGE.substring("usage: AvroInspect ".length()),
                  "prints an Avro file's header and blocks; --verify decodes every record")));

  private AvroDriver() {}

  public static void main(String[] args) throws Exception {
    int exit = INDEX.run(args);
    if (exit != 0) {
      System.exit(exit);
    }
  }
}
