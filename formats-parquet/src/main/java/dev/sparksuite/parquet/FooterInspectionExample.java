package dev.sparksuite.parquet;

import dev.sparksuite.lessonkit.Lesson;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * What the footer says. The footer at the end of the file holds what a reader plans with first: the
 * schema, each row group's row count and byte range, and per column chunk its codec, encodings and
 * min/max/null-count statistics. Spark adds its own schema as key-value metadata ({@code
 * org.apache.spark.sql.parquet.row.metadata}), so it can restore types Parquet has no name for. The
 * page indexes ({@link PageIndexExample}) and bloom filters ({@link BloomFilterExample}) are not in
 * it: the writer puts them between the last row group and the footer, which holds only where they
 * are, so a reader that uses them reads those bytes too. {@link ParquetInspect} prints the same
 * report for any file.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.parquet.FooterInspectionExample
 * formats-parquet/target/formats-parquet.jar <output-dir>}; the output directory may be a local
 * path or on HDFS ({@code hdfs://namenode:8020/lessons/parquet}).
 */
public final class FooterInspectionExample {

  private FooterInspectionExample() {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        FooterInspectionExample.class,
        (spark, output) -> {
          System.out.println(
              "setup: 100,000 orders, 4 columns (id, country, amount, ordered_at), zstd, one file; its "
                  + "footer as parquet-hadoop reads it:");
          System.out.print(writeAndInspect(spark, new Path(output, "orders")).render());
          System.out.println(
              "what this shows: the footer alone holds the schema, the row groups, each column chunk's "
                  + "codec, encodings, sizes and min/max/nulls, and Spark's own schema in the key-value metadata");
        });
  }

  public static ParquetFileReport writeAndInspect(SparkSession spark, Path path)
      throws IOException {
    ParquetSampleData.orders(spark, 100_000, 1)
        .select("id", "country", "amount", "ordered_at")
        .write()
        .mode("overwrite")
        .option("compression", "zstd")
        .parquet(path.toString());
    FileSystem fs = Lesson.fileSystem(spark, path);
    try {
      return ParquetFileReport.read(fs, ParquetFiles.dataFiles(fs, path).get(0));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the footer in " + path, e);
    }
  }
}
