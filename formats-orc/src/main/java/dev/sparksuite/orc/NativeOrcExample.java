package dev.sparksuite.orc;

import dev.sparksuite.lessonkit.Lesson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.CompressionKind;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.orc.RecordReader;
import org.apache.orc.TypeDescription;
import org.apache.orc.Writer;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The native twin: ORC written and read with orc-core alone, through column vectors. Then across:
 * Spark reads the native file, orc-core reads the file Spark wrote, and the rows are the same.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.orc.NativeOrcExample
 * formats-orc/target/formats-orc.jar <output-dir>}; the output directory may be a local path or on
 * HDFS ({@code hdfs://namenode:8020/lessons/orc}).
 *
 * <p>Proved for every format, side by side, by {@code SameLessonAcrossFormatsTest} in
 * formats-compared.
 */
public final class NativeOrcExample {

  /** Schema first, in ORC's type syntax. */
  public static final TypeDescription SCHEMA =
      TypeDescription.fromString("struct<id:bigint,country:string,amount:double>");

  private static final String[] COUNTRIES = {"DE", "FR", "NL", "PL", "SE"};

  private NativeOrcExample() {}

  /** One order, with equals, so two readers' results compare as lists. */
  public record Order(long id, String country, double amount) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        NativeOrcExample.class,
        (spark, output) -> {
          List<Order> orders = orders(5);
          System.out.println(
              "setup: 5 orders, ORC schema "
                  + SCHEMA
                  + ", written once by orc-core and once by Spark");
          FileSystem fs = Lesson.fileSystem(spark, output);
          Path nativeFile = new Path(output, "native/orders.orc");
          write(fs, nativeFile, orders);
          System.out.println("written natively, read natively: " + read(fs, nativeFile));
          System.out.println(
              "written natively, read by Spark: " + readWithSpark(spark, nativeFile));
          Path sparkDir = new Path(output, "spark-orders");
          writeWithSpark(spark, sparkDir, orders);
          System.out.println(
              "written by Spark, read natively: "
                  + read(fs, OrcFiles.dataFiles(fs, sparkDir).get(0).getPath()));
          System.out.println(
              "what this shows: Spark and orc-core write the same format: each reads the other's "
                  + "file and gets the same orders");
        });
  }

  public static List<Order> orders(int count) {
    List<Order> orders = new ArrayList<>();
    for (long id = 0; id < count; id++) {
      orders.add(new Order(id, COUNTRIES[(int) (id % 5)], id % 100 + 1));
    }
    return orders;
  }

  public static void write(FileSystem fs, Path file, List<Order> orders) {
    OrcFile.WriterOptions options =
        OrcFile.writerOptions(fs.getConf())
            .fileSystem(fs)
            .setSchema(SCHEMA)
            .compress(CompressionKind.ZSTD)
            .overwrite(true);
    try (Writer writer = OrcFile.createWriter(file, options)) {
      VectorizedRowBatch batch = SCHEMA.createRowBatch();
      LongColumnVector id = (LongColumnVector) batch.cols[0];
      BytesColumnVector country = (BytesColumnVector) batch.cols[1];
      DoubleColumnVector amount = (DoubleColumnVector) batch.cols[2];
      for (Order order : orders) {
        int row = batch.size++;
        id.vector[row] = order.id();
        country.setVal(row, order.country().getBytes(StandardCharsets.UTF_8));
        amount.vector[row] = order.amount();
        // A batch has a fixed capacity (1,024 rows): hand it to the writer when full and reuse it.
        if (batch.size == batch.getMaxSize()) {
          writer.addRowBatch(batch);
          batch.reset();
        }
      }
      if (batch.size > 0) {
        writer.addRowBatch(batch);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Reads batches with the file's own schema and turns each row back into an Order. */
  public static List<Order> read(FileSystem fs, Path file) {
    List<Order> orders = new ArrayList<>();
    try (Reader reader = OrcFiles.open(fs, file);
        RecordReader rows = reader.rows()) {
      VectorizedRowBatch batch = reader.getSchema().createRowBatch();
      while (rows.nextBatch(batch)) {
        LongColumnVector id = (LongColumnVector) batch.cols[0];
        BytesColumnVector country = (BytesColumnVector) batch.cols[1];
        DoubleColumnVector amount = (DoubleColumnVector) batch.cols[2];
        for (int row = 0; row < batch.size; row++) {
          orders.add(new Order(id.vector[row], country.toString(row), amount.vector[row]));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return orders;
  }

  public static void writeWithSpark(SparkSession spark, Path dir, List<Order> orders) {
    spark
        .createDataFrame(
            orders.stream().map(o -> RowFactory.create(o.id(), o.country(), o.amount())).toList(),
            new StructType()
                .add("id", "long", false)
                .add("country", "string", false)
                .add("amount", "double", false))
        .coalesce(1)
        .write()
        .mode("overwrite")
        .orc(dir.toString());
  }

  public static List<Order> readWithSpark(SparkSession spark, Path file) {
    return spark.read().orc(file.toString()).orderBy("id").collectAsList().stream()
        .map(r -> new Order(r.getLong(0), r.getString(1), r.getDouble(2)))
        .toList();
  }
}
