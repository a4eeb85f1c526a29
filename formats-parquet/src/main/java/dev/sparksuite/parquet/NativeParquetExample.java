package dev.sparksuite.parquet;

import dev.sparksuite.lessonkit.Lesson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The native twin: the same files written and read with parquet-hadoop alone, no Spark. Then both
 * directions across: a file Spark wrote, read natively, and a natively written file, read by Spark,
 * give the same rows. The schema is the contract; the footer carries it.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.parquet.NativeParquetExample
 * formats-parquet/target/formats-parquet.jar <output-dir>}; the output directory may be a local
 * path or on HDFS ({@code hdfs://namenode:8020/lessons/parquet}).
 *
 * <p>Proved for every format, side by side, by {@code SameLessonAcrossFormatsTest} in
 * formats-compared.
 */
public final class NativeParquetExample {

  /** Schema first: Parquet's own message syntax. STRING marks binary as UTF-8 text. */
  public static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message order { required int64 id; required binary country (STRING); required double amount; }");

  private NativeParquetExample() {}

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
        NativeParquetExample.class,
        (spark, output) -> {
          System.out.println(
              "setup: 5 orders (id, country, amount) written by parquet-hadoop's ParquetWriter without "
                  + "Spark, and the same 5 written by Spark; each file read by the other side");
          List<Order> orders = orders(5);
          FileSystem fs = Lesson.fileSystem(spark, output);
          Path nativeFile = new Path(output, "native/orders.parquet");
          write(fs, nativeFile, orders);
          System.out.println("written natively, read natively: " + read(fs, nativeFile));
          System.out.println(
              "written natively, read by Spark: " + readWithSpark(spark, nativeFile));
          Path sparkDir = new Path(output, "spark-orders");
          writeWithSpark(spark, sparkDir, orders);
          System.out.println(
              "written by Spark, read natively: "
                  + read(fs, ParquetFiles.dataFiles(fs, sparkDir).get(0)));
          System.out.println(
              "what this shows: a Parquet file does not depend on its writer: Spark and parquet-hadoop "
                  + "read each other's files to the same rows");
        });
  }

  public static List<Order> orders(int count) {
    List<Order> orders = new ArrayList<>();
    for (long id = 0; id < count; id++) {
      orders.add(new Order(id, ParquetSampleData.COUNTRIES[(int) (id % 5)], id % 100 + 1));
    }
    return orders;
  }

  /**
   * Rows are buffered into row groups in memory and flushed as each one fills, then the footer; the
   * file is created through the file system it lives on.
   */
  public static void write(FileSystem fs, Path file, List<Order> orders) {
    Configuration conf = fs.getConf();
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(HadoopOutputFile.fromPath(file, conf))
            .withType(SCHEMA)
            .withConf(conf)
            .withCompressionCodec(CompressionCodecName.ZSTD)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .build()) {
      for (Order order : orders) {
        writer.write(
            groups
                .newGroup()
                .append("id", order.id())
                .append("country", order.country())
                .append("amount", order.amount()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * Reads every record with the file's own schema: row group by row group, the columns' pages are
   * assembled back into records by the record reader.
   */
  public static List<Order> read(FileSystem fs, Path file) {
    List<Order> orders = new ArrayList<>();
    try (ParquetFileReader reader = ParquetFileReader.open(ParquetFiles.input(fs, file))) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      MessageColumnIO columns = new ColumnIOFactory().getColumnIO(schema);
      PageReadStore rowGroup;
      while ((rowGroup = reader.readNextRowGroup()) != null) {
        RecordReader<Group> records =
            columns.getRecordReader(rowGroup, new GroupRecordConverter(schema));
        for (long i = 0; i < rowGroup.getRowCount(); i++) {
          Group g = records.read();
          orders.add(
              new Order(g.getLong("id", 0), g.getString("country", 0), g.getDouble("amount", 0)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return orders;
  }

  public static void writeWithSpark(SparkSession spark, Path dir, List<Order> orders) {
    List<Row> rows =
        orders.stream().map(o -> RowFactory.create(o.id(), o.country(), o.amount())).toList();
    spark
        .createDataFrame(
            rows,
            new StructType()
                .add("id", "long", false)
                .add("country", "string", false)
                .add("amount", "double", false))
        .coalesce(1)
        .write()
        .mode("overwrite")
        .parquet(dir.toString());
  }

  public static List<Order> readWithSpark(SparkSession spark, Path file) {
    return spark.read().parquet(file.toString()).orderBy("id").collectAsList().stream()
        .map(r -> new Order(r.getLong(0), r.getString(1), r.getDouble(2)))
        .toList();
  }
}
