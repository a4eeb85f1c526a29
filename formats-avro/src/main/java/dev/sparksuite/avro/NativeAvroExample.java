package dev.sparksuite.avro;

import dev.sparksuite.avro.generated.Order;
import dev.sparksuite.lessonkit.Lesson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The native API: {@code DataFileWriter} / {@code DataFileReader} with {@code GenericRecord}
 * (schema known at run time, fields by name) and with {@code Order}, a {@code SpecificRecord} class
 * the avro-maven-plugin generates from {@code src/main/avro/order.avsc} at build time (typed
 * getters, the schema compiled in). Then across: Spark reads the native file and the native reader
 * reads a file Spark wrote, with the same records.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.avro.NativeAvroExample
 * formats-avro/target/formats-avro.jar <output-dir>}; the output directory may be a local path or
 * on HDFS ({@code hdfs://namenode:8020/lessons/avro}).
 */
public final class NativeAvroExample {

  /** Schema first: the generated class carries it. */
  public static final Schema SCHEMA = Order.getClassSchema();

  private NativeAvroExample() {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        NativeAvroExample.class,
        (spark, output) -> {
          FileSystem fs = Lesson.fileSystem(spark, output);
          List<Order> orders = orders(3);
          Path specific = new Path(output, "native/orders-specific.avro");
          writeSpecific(fs, specific, orders);
          System.out.printf(
              "setup: %d Order records (generated SpecificRecord class) written with DataFileWriter, "
                  + "codec %s; schema %s%n",
              orders.size(), AvroFiles.header(fs, specific, "avro.codec"), SCHEMA);
          System.out.println("specific write, generic read: " + readGeneric(fs, specific));
          System.out.println("specific write, Spark read:   " + readWithSpark(spark, specific));
          Path sparkDir = new Path(output, "spark-orders");
          writeWithSpark(spark, sparkDir, orders);
          System.out.println(
              "Spark write, specific read:   "
                  + readSpecific(fs, AvroFiles.dataFiles(fs, sparkDir).get(0).getPath()));
          System.out.println(
              "what this shows: a file from the avro library reads in Spark and a file from Spark "
                  + "reads with the generated class: both sides write the same container format");
        });
  }

  public static List<Order> orders(int count) {
    List<Order> orders = new ArrayList<>();
    for (long id = 0; id < count; id++) {
      orders.add(
          Order.newBuilder()
              .setId(id)
              .setCountry(id % 2 == 0 ? "DE" : "FR")
              .setAmount(id + 0.5)
              .setNote(id % 3 == 0 ? null : "note " + id)
              .build());
    }
    return orders;
  }

  public static void writeSpecific(FileSystem fs, Path file, List<Order> orders) {
    try (DataFileWriter<Order> writer =
        new DataFileWriter<>(new SpecificDatumWriter<>(Order.class))) {
      writer.setCodec(CodecFactory.deflateCodec(6));
      writer.create(SCHEMA, fs.create(file));
      for (Order order : orders) {
        writer.append(order);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public static void writeGeneric(FileSystem fs, Path file, List<Order> orders) {
    try (DataFileWriter<GenericRecord> writer =
        new DataFileWriter<>(new GenericDatumWriter<>(SCHEMA))) {
      writer.create(SCHEMA, fs.create(file));
      for (Order order : orders) {
        GenericRecord record = new GenericData.Record(SCHEMA);
        record.put("id", order.getId());
        record.put("country", order.getCountry());
        record.put("amount", order.getAmount());
        record.put("note", order.getNote());
        writer.append(record);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Generic: fields by name, as plain values, whatever schema the file has. */
  public static List<Order> readGeneric(FileSystem fs, Path file) {
    List<Order> orders = new ArrayList<>();
    try (DataFileReader<GenericRecord> reader =
        new DataFileReader<>(AvroFiles.input(fs, file), new GenericDatumReader<>())) {
      for (GenericRecord r : reader) {
        Object note = r.get("note");
        orders.add(
            new Order(
                (Long) r.get("id"),
                r.get("country").toString(),
                (Double) r.get("amount"),
                note == null ? null : note.toString()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return orders;
  }

  /** Specific: the file's schema resolved against the generated class's schema. */
  public static List<Order> readSpecific(FileSystem fs, Path file) {
    List<Order> orders = new ArrayList<>();
    try (DataFileReader<Order> reader =
        new DataFileReader<>(AvroFiles.input(fs, file), new SpecificDatumReader<>(Order.class))) {
      reader.forEach(orders::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return orders;
  }

  public static void writeWithSpark(SparkSession spark, Path dir, List<Order> orders) {
    List<Row> rows =
        orders.stream()
            .map(o -> RowFactory.create(o.getId(), o.getCountry(), o.getAmount(), o.getNote()))
            .toList();
    spark
        .createDataFrame(
            rows,
            new StructType()
                .add("id", "long", false)
                .add("country", "string", false)
                .add("amount", "double", false)
                .add("note", "string", true))
        .coalesce(1)
        .write()
        .mode("overwrite")
        .format("avro")
        .option("avroSchema", SCHEMA.toString())
        .save(dir.toString());
  }

  public static List<Order> readWithSpark(SparkSession spark, Path file) {
    return spark.read().format("avro").load(file.toString()).orderBy("id").collectAsList().stream()
        .map(r -> new Order(r.getLong(0), r.getString(1), r.getDouble(2), r.getString(3)))
        .toList();
  }
}
