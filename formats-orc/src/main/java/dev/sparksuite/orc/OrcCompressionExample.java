package dev.sparksuite.orc;

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
import org.apache.orc.Reader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Compression codecs. ORC compresses every stream in blocks with one codec for the whole file and
 * records it in the file's postscript, the very last bytes, so a reader learns it before reading
 * anything else. Spark 4.1.1 writes zstd unless told otherwise ({@code
 * spark.sql.orc.compression.codec}, default {@code zstd}; the {@code compression} option wins over
 * it), and zstd is also the smallest of the five here.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.orc.OrcCompressionExample
 * formats-orc/target/formats-orc.jar <output-dir>}; the output directory may be a local path or on
 * HDFS ({@code hdfs://namenode:8020/lessons/orc}).
 */
public final class OrcCompressionExample {

  /** Spark's names for the codecs ("none" writes uncompressed streams). */
  static final long ROWS = 200_000;

  public static final List<String> CODECS = List.of("none", "zlib", "snappy", "zstd", "lz4");

  private OrcCompressionExample() {}

  /** One codec: what the file tails say, and the bytes on disk. */
  public record CodecResult(
      String requested, Set<String> tailCodecs, long bytes, long rowsReadBack) {}

  /**
   * What the session's setting says, and the codec in the tail of a file written without an option.
   */
  public record DefaultCodec(String sessionSetting, Set<String> tailCodecs) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        OrcCompressionExample.class,
        (spark, output) -> {
          DefaultCodec d = defaultCodec(spark, new Path(output, "orders-default"));
          System.out.printf(
              "setup: %,d orders (id, country, amount, customer_key, note), one file per codec, "
                  + "the codec read back from each file's postscript%n",
              ROWS);
          System.out.println(
              "spark.sql.orc.compression.codec = "
                  + d.sessionSetting()
                  + "; a write without an option: "
                  + d.tailCodecs());
          System.out.printf("%-8s %-12s %12s%n", "codec", "tail says", "bytes");
          List<CodecResult> results = compareCodecs(spark, output, ROWS);
          for (CodecResult r : results) {
            System.out.printf("%-8s %-12s %,12d%n", r.requested(), r.tailCodecs(), r.bytes());
          }
          long none = results.get(0).bytes();
          CodecResult smallest =
              results.stream().min(Comparator.comparingLong(CodecResult::bytes)).get();
          System.out.printf(
              "what this shows: Spark 4.1.1 writes %s unless told otherwise; each codec is recorded in "
                  + "the file, and %s makes these %,d rows %.1fx smaller than none%n",
              d.sessionSetting(), smallest.requested(), ROWS, (double) none / smallest.bytes());
        });
  }

  /**
   * No compression option at all: the session's {@code spark.sql.orc.compression.codec} decides.
   */
  public static DefaultCodec defaultCodec(SparkSession spark, Path dir) throws IOException {
    OrcSampleData.orders(spark, 1_000, 1).write().mode("overwrite").orc(dir.toString());
    return new DefaultCodec(
        spark.conf().get("spark.sql.orc.compression.codec"),
        tailCodecs(Lesson.fileSystem(spark, dir), dir));
  }

  public static List<CodecResult> compareCodecs(SparkSession spark, Path output, long rows)
      throws IOException {
    FileSystem fs = Lesson.fileSystem(spark, output);
    Dataset<Row> orders = OrcSampleData.orders(spark, rows, 1);
    List<CodecResult> results = new ArrayList<>();
    for (String codec : CODECS) {
      Path dir = new Path(output, "orders-" + codec);
      orders.write().mode("overwrite").option("compression", codec).orc(dir.toString());
      results.add(
          new CodecResult(
              codec,
              tailCodecs(fs, dir),
              OrcFiles.size(fs, dir),
              spark.read().orc(dir.toString()).count()));
    }
    return results;
  }

  private static Set<String> tailCodecs(FileSystem fs, Path dir) throws IOException {
    Set<String> kinds = new TreeSet<>();
    for (FileStatus file : OrcFiles.dataFiles(fs, dir)) {
      try (Reader reader = OrcFiles.open(fs, file.getPath())) {
        kinds.add(reader.getCompressionKind().name());
      }
    }
    return kinds;
  }
}
