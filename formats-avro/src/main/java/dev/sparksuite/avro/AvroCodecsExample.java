package dev.sparksuite.avro;

import dev.sparksuite.lessonkit.Lesson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Codecs. An Avro file is a header and a sequence of blocks; each block is compressed with the
 * codec named in the header's {@code avro.codec} entry. spark-avro writes snappy by default ({@code
 * compression} option or {@code spark.sql.avro.compression.codec}).
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.avro.AvroCodecsExample
 * formats-avro/target/formats-avro.jar <output-dir>}; the output directory may be a local path or
 * on HDFS ({@code hdfs://namenode:8020/lessons/avro}).
 *
 * <p>Proved for every format, side by side, by {@code SameLessonAcrossFormatsTest} in
 * formats-compared.
 */
public final class AvroCodecsExample {

  public static final List<String> CODECS =
      List.of("uncompressed", "deflate", "snappy", "zstandard");

  private AvroCodecsExample() {}

  /** One codec: what the headers say and the bytes on disk. */
  public record CodecResult(
      String requested, Set<String> headerCodecs, long bytes, long rowsReadBack) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        AvroCodecsExample.class,
        (spark, output) -> {
          System.out.println(
              "setup: 200,000 orders (id, country, amount, note), one file per codec, written by "
                  + "Spark with option compression");
          System.out.printf(
              "%-13s %-15s %12s %14s%n", "codec", "header avro.codec", "bytes", "rows read back");
          List<CodecResult> results = compareCodecs(spark, output, 200_000);
          for (CodecResult r : results) {
            System.out.printf(
                "%-13s %-15s %,12d %,14d%n",
                r.requested(), r.headerCodecs(), r.bytes(), r.rowsReadBack());
          }
          CodecResult smallest =
              results.stream().min(Comparator.comparingLong(CodecResult::bytes)).orElseThrow();
          System.out.printf(
              "smallest: %s, %.1f%% of uncompressed%n",
              smallest.requested(), 100.0 * smallest.bytes() / results.get(0).bytes());
          System.out.println(
              "what this shows: the codec is recorded per file in the header (avro.codec; "
                  + "uncompressed is written as null) and applies to every block, and each file reads back whole");
        });
  }

  public static List<CodecResult> compareCodecs(SparkSession spark, Path output, long rows)
      throws IOException {
    FileSystem fs = Lesson.fileSystem(spark, output);
    Dataset<Row> orders = AvroSampleData.orders(spark, rows, 1);
    List<CodecResult> results = new ArrayList<>();
    for (String codec : CODECS) {
      Path dir = new Path(output, "orders-" + codec);
      orders
          .write()
          .mode("overwrite")
          .format("avro")
          .option("compression", codec)
          .save(dir.toString());
      Set<String> headers = new TreeSet<>();
      for (FileStatus file : AvroFiles.dataFiles(fs, dir)) {
        // The writer records "null" for no compression; a header without the entry is told apart.
        String recorded = AvroFiles.header(fs, file, "avro.codec");
        headers.add(recorded == null ? "(no avro.codec entry)" : recorded);
      }
      results.add(
          new CodecResult(
              codec,
              headers,
              AvroFiles.size(fs, dir),
              spark.read().format("avro").load(dir.toString()).count()));
    }
    return results;
  }
}
