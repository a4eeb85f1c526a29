package dev.sparksuite.avro;

import dev.sparksuite.lessonkit.Errors;
import dev.sparksuite.lessonkit.Lesson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
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

/**
 * Schema evolution. Avro resolves the writer's schema (in the file) against the reader's schema (in
 * the code): a field the reader adds gets its default, a field the reader renamed is found through
 * its alias, a field the reader dropped is skipped (its bytes are read past, its value goes
 * nowhere). A change with no such rule, such as a new field without a default, is incompatible:
 * {@code SchemaCompatibility} says so from the two schemas alone, without reading a record, and
 * names the rule broken ({@code READER_FIELD_MISSING_DEFAULT_VALUE}). That check is the reader's to
 * make: spark-avro makes none. Given the broken schema, Spark reads a file of v1 records until the
 * first record, where Avro's resolution fails, and a v1 file with no records reads without an
 * error.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.avro.SchemaEvolutionExample
 * formats-avro/target/formats-avro.jar <output-dir>}; the output directory may be a local path or
 * on HDFS ({@code hdfs://namenode:8020/lessons/avro}).
 */
public final class SchemaEvolutionExample {

  /** Version 1, as the old producer wrote. */
  public static final Schema V1 =
      new Schema.Parser()
          .parse(
              """
      {"type": "record", "name": "Customer", "namespace": "dev.sparksuite.crm", "fields": [
        {"name": "id", "type": "long"},
        {"name": "name", "type": "string"},
        {"name": "fax", "type": "string"}]}""");

  /**
   * Version 2: name renamed to full_name (the alias keeps old files readable), tier added with a
   * default, fax dropped.
   */
  public static final Schema V2 =
      new Schema.Parser()
          .parse(
              """
      {"type": "record", "name": "Customer", "namespace": "dev.sparksuite.crm", "fields": [
        {"name": "id", "type": "long"},
        {"name": "full_name", "type": "string", "aliases": ["name"]},
        {"name": "tier", "type": "string", "default": "standard"}]}""");

  /** Incompatible: a new field with no default cannot be filled from v1 data. */
  public static final Schema V2_BROKEN =
      new Schema.Parser()
          .parse(
              """
      {"type": "record", "name": "Customer", "namespace": "dev.sparksuite.crm", "fields": [
        {"name": "id", "type": "long"},
        {"name": "name", "type": "string"},
        {"name": "region", "type": "string"}]}""");

  private SchemaEvolutionExample() {}

  /**
   * The fields of the file's (writer's) schema, v1 data as read natively and by Spark with the v2
   * schema, and the incompatible case's verdict.
   */
  public record Evolution(
      List<String> fileFields,
      List<String> nativeV2Records,
      String sparkV2Schema,
      List<Row> sparkV2Rows,
      String brokenVerdict,
      String sparkBrokenError,
      long sparkBrokenRowsOfEmptyFile) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        SchemaEvolutionExample.class,
        (spark, output) -> {
          Evolution e = evolve(spark, new Path(output, "customers-v1"));
          System.out.println(
              "setup: 2 customers written with schema v1 by the avro library; v2 renames name to "
                  + "full_name (alias name), adds tier with default standard, drops fax");
          System.out.println("v1 schema: " + V1);
          System.out.println("v2 schema: " + V2);
          System.out.println("v1 file's fields:              " + e.fileFields());
          System.out.println("v1 file read natively with v2: " + e.nativeV2Records());
          System.out.println("v1 file read by Spark with v2: " + e.sparkV2Schema());
          e.sparkV2Rows().forEach(r -> System.out.println("  " + r));
          System.out.println("v1 -> broken v2, SchemaCompatibility: " + e.brokenVerdict());
          System.out.println("v1 -> broken v2, Spark reads:        " + e.sparkBrokenError());
          System.out.println(
              "v1 -> broken v2, Spark, no records: "
                  + e.sparkBrokenRowsOfEmptyFile()
                  + " rows, no error");
          System.out.println(
              "what this shows: the reader's schema decides the columns: a renamed field is found by "
                  + "its alias, an added one takes its default, a dropped one (fax) is skipped; a field added without a "
                  + "default is refused by SchemaCompatibility from the schemas, while Spark checks nothing and fails at "
                  + "the first record");
        });
  }

  public static Evolution evolve(SparkSession spark, Path dir) throws IOException {
    FileSystem fs = Lesson.fileSystem(spark, dir);
    Path file = new Path(dir, "customers.avro");
    writeV1(fs, file, 2);
    Path emptyDir = new Path(dir.getParent(), dir.getName() + "-empty");
    writeV1(fs, new Path(emptyDir, "customers.avro"), 0);

    List<String> nativeRecords = new ArrayList<>();
    List<String> fileFields;
    // Writer schema from the file, reader schema v2: Avro resolves one against the other.
    try (DataFileReader<GenericRecord> reader =
        new DataFileReader<>(AvroFiles.input(fs, file), new GenericDatumReader<>(null, V2))) {
      fileFields = reader.getSchema().getFields().stream().map(Schema.Field::name).toList();
      reader.forEach(r -> nativeRecords.add(r.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    var v2 = readWith(spark, V2, dir);
    List<Row> sparkRows = v2.orderBy("id").collectAsList();

    SchemaCompatibility.SchemaPairCompatibility verdict =
        SchemaCompatibility.checkReaderWriterCompatibility(V2_BROKEN, V1);
    String broken =
        verdict.getType()
            + ": "
            + verdict.getResult().getIncompatibilities().stream()
                .map(i -> i.getType() + " " + i.getMessage())
                .toList();
    String sparkBroken;
    try {
      readWith(spark, V2_BROKEN, dir).collectAsList();
      sparkBroken = "no error";
    } catch (Exception e) {
      sparkBroken = Errors.oneLine(e);
    }
    long emptyRows = readWith(spark, V2_BROKEN, emptyDir).count();
    return new Evolution(
        fileFields,
        nativeRecords,
        v2.schema().simpleString(),
        sparkRows,
        broken,
        sparkBroken,
        emptyRows);
  }

  private static Dataset<Row> readWith(SparkSession spark, Schema reader, Path dir) {
    return spark.read().format("avro").option("avroSchema", reader.toString()).load(dir.toString());
  }

  /** Writes {@code count} v1 customers (none: a file with only the header). */
  static void writeV1(FileSystem fs, Path file, int count) {
    try (DataFileWriter<GenericRecord> writer =
        new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(V1))) {
      writer.create(V1, fs.create(file));
      for (long id = 1; id <= count; id++) {
        GenericRecord customer = new GenericData.Record(V1);
        customer.put("id", id);
        customer.put("name", "customer " + id);
        customer.put("fax", "+49 30 " + id);
        writer.append(customer);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
