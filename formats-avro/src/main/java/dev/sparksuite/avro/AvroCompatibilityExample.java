package dev.sparksuite.avro;

import dev.sparksuite.lessonkit.Errors;
import dev.sparksuite.lessonkit.Lesson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Schema compatibility in each direction, proven by reads. Each change has an old and a new schema;
 * a record is written with each and read with the other through the avro library (writer's schema
 * from the file, reader's schema from the code). <em>Backward</em> compatible: the new schema reads
 * old data. <em>Forward</em> compatible: the old schema reads new data. <em>Full</em>: both. Beside
 * each read stands {@code SchemaCompatibility}'s verdict for the same pair, computed from the two
 * schemas alone, and the lesson checks that the two agree.
 *
 * <p>The rules, as avro 1.12.1 applies them ({@code SchemaCompatibility} and the resolving
 * decoder): a reader's {@code long} takes a writer's {@code int}, {@code float} takes {@code int}
 * or {@code long}, {@code double} takes {@code int}, {@code long} or {@code float}; {@code bytes}
 * and {@code string} take each other. No promotion goes the other way, so int to long and float to
 * double are backward only. A writer's field the reader lacks is skipped; a reader's field the
 * writer lacks takes the reader's default, and without one the read fails. So a field added with a
 * default is fully compatible, one added without a default forward only, and a dropped field (which
 * had no default) backward only.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.avro.AvroCompatibilityExample
 * formats-avro/target/formats-avro.jar <output-dir>}; the output directory may be a local path or
 * on HDFS ({@code hdfs://namenode:8020/lessons/avro}).
 */
public final class AvroCompatibilityExample {

  /** One schema change: the schema before and after it. */
  public record Change(String name, Schema before, Schema after) {}

  public static final List<Change> CHANGES =
      List.of(
          new Change(
              "int to long",
              record("{\"name\": \"n\", \"type\": \"int\"}"),
              record("{\"name\": \"n\", \"type\": \"long\"}")),
          new Change(
              "float to double",
              record("{\"name\": \"x\", \"type\": \"float\"}"),
              record("{\"name\": \"x\", \"type\": \"double\"}")),
          new Change(
              "string to bytes",
              record("{\"name\": \"s\", \"type\": \"string\"}"),
              record("{\"name\": \"s\", \"type\": \"bytes\"}")),
          new Change(
              "field added with a default",
              record("{\"name\": \"id\", \"type\": \"int\"}"),
              record(
                  "{\"name\": \"id\", \"type\": \"int\"}",
                  "{\"name\": \"unit\", \"type\": \"string\", \"default\": \"celsius\"}")),
          new Change(
              "field added without a default",
              record("{\"name\": \"id\", \"type\": \"int\"}"),
              record(
                  "{\"name\": \"id\", \"type\": \"int\"}",
                  "{\"name\": \"unit\", \"type\": \"string\"}")),
          new Change(
              "field dropped",
              record(
                  "{\"name\": \"id\", \"type\": \"int\"}",
                  "{\"name\": \"sensor\", \"type\": \"string\"}"),
              record("{\"name\": \"id\", \"type\": \"int\"}")));

  private AvroCompatibilityExample() {}

  /**
   * One read: {@code SchemaCompatibility}'s verdict for the pair, and what the reader returned
   * (each field with its Java type) or its error on one line.
   */
  public record Read(SchemaCompatibilityType verdict, boolean succeeded, String result) {
    public boolean agrees() {
      return succeeded == (verdict == SchemaCompatibilityType.COMPATIBLE);
    }
  }

  /** A change read both ways, and what that makes it: full, backward, forward or none. */
  public record Outcome(String change, Read backward, Read forward) {
    public String level() {
      boolean b = backward.succeeded();
      boolean f = forward.succeeded();
      return b && f ? "full" : b ? "backward" : f ? "forward" : "none";
    }
  }

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        AvroCompatibilityExample.class,
        (spark, output) -> {
          List<Outcome> outcomes =
              readBothWays(Lesson.fileSystem(spark, output), new Path(output, "compatibility"));
          System.out.printf(
              "setup: %d schema changes, one record written with each side's schema into its own "
                  + "file, read with the other side's (%d reads); no Spark needed%n",
              outcomes.size(), 2 * outcomes.size());
          for (int i = 0; i < outcomes.size(); i++) {
            Change c = CHANGES.get(i);
            Outcome o = outcomes.get(i);
            System.out.printf("%s: %s -> %s%n", o.change(), fields(c.before()), fields(c.after()));
            print("  backward (new schema reads old data)", o.backward());
            print("  forward  (old schema reads new data)", o.forward());
            System.out.println("  compatibility: " + o.level());
          }
          System.out.printf(
              "verdicts that agree with the read: %d of %d%n",
              outcomes.stream()
                  .mapToLong(o -> (o.backward().agrees() ? 1 : 0) + (o.forward().agrees() ? 1 : 0))
                  .sum(),
              2 * outcomes.size());
          System.out.println(
              "what this shows: promotions (int to long, float to double) and a dropped field are "
                  + "backward only, string/bytes and a field added with a default are full, a field added without a "
                  + "default is forward only, and SchemaCompatibility predicts each read");
        });
  }

  private static void print(String label, Read r) {
    System.out.printf(
        "%s: SchemaCompatibility %s, read %s%n",
        label, r.verdict(), r.succeeded() ? "gives " + r.result() : "fails: " + r.result());
  }

  public static List<Outcome> readBothWays(FileSystem fs, Path dir) {
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < CHANGES.size(); i++) {
      Change c = CHANGES.get(i);
      Path oldData = write(fs, new Path(dir, i + "-before.avro"), c.before());
      Path newData = write(fs, new Path(dir, i + "-after.avro"), c.after());
      outcomes.add(
          new Outcome(
              c.name(),
              read(fs, oldData, c.before(), c.after()),
              read(fs, newData, c.after(), c.before())));
    }
    return outcomes;
  }

  /**
   * Reads {@code file} (written with {@code writer}) with {@code reader}, beside the verdict for
   * the pair.
   */
  static Read read(FileSystem fs, Path file, Schema writer, Schema reader) {
    SchemaPairCompatibility verdict =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    try (DataFileReader<GenericRecord> in =
        new DataFileReader<>(AvroFiles.input(fs, file), new GenericDatumReader<>(null, reader))) {
      return new Read(verdict.getType(), true, describe(in.next()));
    } catch (AvroRuntimeException e) {
      // The resolving decoder fails on the first record it cannot resolve: one line says why.
      return new Read(verdict.getType(), false, Errors.oneLine(e));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Each field as {@code name=value (type)}: the Java type shows the promotion. */
  static String describe(GenericRecord record) {
    return record.getSchema().getFields().stream()
        .map(
            f -> {
              Object v = record.get(f.name());
              String type =
                  v instanceof Utf8
                      ? "string"
                      : v instanceof ByteBuffer ? "bytes" : v.getClass().getSimpleName();
              String value =
                  v instanceof ByteBuffer b
                      ? "0x" + HexFormat.of().formatHex(b.array(), b.position(), b.limit())
                      : v instanceof Utf8 ? "\"" + v + "\"" : String.valueOf(v);
              return f.name() + "=" + value + " (" + type + ")";
            })
        .collect(Collectors.joining(", ", "{", "}"));
  }

  /**
   * One record of {@code schema}: n=7, x=21.5, s="hi" (or its bytes), id=1, unit "kelvin", sensor
   * "t-01".
   */
  static Path write(FileSystem fs, Path path, Schema schema) {
    GenericRecord r = new GenericData.Record(schema);
    for (Schema.Field f : schema.getFields()) {
      r.put(
          f.name(),
          switch (f.schema().getType()) {
            case INT -> f.name().equals("id") ? 1 : 7;
            case LONG -> 7L;
            case FLOAT -> 21.5f;
            case DOUBLE -> 21.5d;
            case BYTES -> ByteBuffer.wrap("hi".getBytes(StandardCharsets.UTF_8));
            case STRING ->
                f.name().equals("s") ? "hi" : f.name().equals("unit") ? "kelvin" : "t-01";
            default -> throw new IllegalArgumentException("no sample value for " + f);
          });
    }
    try (DataFileWriter<GenericRecord> writer =
        new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema))) {
      writer.create(schema, fs.create(path));
      writer.append(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
    return path;
  }

  private static String fields(Schema schema) {
    return schema.getFields().stream()
        .map(
            f ->
                f.name()
                    + ":"
                    + f.schema().getType().getName()
                    + (f.hasDefaultValue() ? " = " + f.defaultVal() : ""))
        .collect(Collectors.joining(", ", "{", "}"));
  }

  private static Schema record(String... fields) {
    return new Schema.Parser()
        .parse(
            "{\"type\": \"record\", \"name\": \"Reading\", \"namespace\": "
                + "\"dev.sparksuite.sensors\", \"fields\": ["
                + String.join(", ", fields)
                + "]}");
  }
}
