package dev.sparksuite.parquet;

import dev.sparksuite.lessonkit.Errors;
import dev.sparksuite.lessonkit.Lesson;
import java.io.IOException;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.parquet.ParquetCompressionCodec;

/**
 * Compression codecs. Parquet compresses each column chunk's pages with the codec the writer chose
 * and records that codec per column chunk in the footer, so a reader needs no option to decompress.
 * Spark accepts nine names for {@code compression} (its own list, {@code ParquetCompressionCodec}):
 * none, uncompressed, snappy (the default), gzip, lzo, brotli, lz4, lz4_raw and zstd. The lesson
 * tries every one and reports what really happened.
 *
 * <p>Each name maps to a Hadoop codec class that must be on the classpath. Spark's distribution
 * carries all but two: the classes {@code lzo} and {@code brotli} name (from hadoop-lzo and a
 * Brotli codec jar) are not in it, so a write with them fails in every task; the lesson checks the
 * classpath instead of failing a job. The codec classes hand the bytes to a compression library,
 * and the lesson prints which jar that library came from and how many native libraries the jar
 * carries: snappy (parquet-hadoop's SnappyCodec over snappy-java), zstd (over zstd-jni) and lz4
 * (Hadoop's Lz4Codec over lz4-java) are JNI bindings whose native code ships inside their jars;
 * lz4_raw is Parquet's own unframed LZ4 over aircompressor, pure Java, and the LZ4 other Parquet
 * readers expect; gzip is Hadoop's GzipCodec, which uses the JDK's zlib unless Hadoop's own native
 * library is installed.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.parquet.CompressionCodecsExample
 * formats-parquet/target/formats-parquet.jar <output-dir>}; the output directory may be a local
 * path or on HDFS ({@code hdfs://namenode:8020/lessons/parquet}).
 */
public final class CompressionCodecsExample {

  /** Every name Spark accepts for {@code compression}, in Spark's order. */
  public static final List<String> CODECS =
      Arrays.stream(ParquetCompressionCodec.values())
          .map(ParquetCompressionCodec::lowerCaseName)
          .toList();

  /**
   * The class each codec hands its bytes to (read from the codec classes in parquet-hadoop and
   * hadoop-client-api).
   */
  static final Map<String, String> LIBRARY_CLASS =
      Map.of(
          "snappy", "org.xerial.snappy.Snappy",
          "gzip", "java.util.zip.Deflater",
          "lz4", "net.jpountz.lz4.LZ4Factory",
          "lz4_raw", "io.airlift.compress.lz4.Lz4Compressor",
          "zstd", "com.github.luben.zstd.ZstdOutputStream");

  private CompressionCodecsExample() {}

  /**
   * One codec's outcome: the codec names found in the footers, the bytes on disk and rows read back
   * (0 and empty when nothing was written), the Hadoop codec class, the jar of the compression
   * library behind it and the native libraries in that jar, and why nothing was written (null when
   * it was).
   */
  public record CodecResult(
      String requested,
      Set<String> footerCodecs,
      long bytes,
      long rowsReadBack,
      String codecClass,
      String libraryJar,
      int nativeLibrariesInJar,
      String error) {

    public boolean written() {
      return error == null;
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
        CompressionCodecsExample.class,
        (spark, output) -> {
          long rows = 200_000;
          System.out.printf(
              "setup: %,d orders (10 columns), one write per codec name Spark accepts%n", rows);
          System.out.printf(
              "%-13s %-14s %12s  %-28s %s%n",
              "codec", "footer says", "bytes", "compression library", "native libs");
          for (CodecResult r : compareCodecs(spark, output, rows)) {
            if (r.written()) {
              System.out.printf(
                  "%-13s %-14s %,12d  %-28s %d%n",
                  r.requested(),
                  r.footerCodecs(),
                  r.bytes(),
                  r.libraryJar(),
                  r.nativeLibrariesInJar());
            } else {
              System.out.printf("%-13s not written: %s%n", r.requested(), r.error());
            }
          }
          System.out.println(
              "what this shows: the codec is recorded per column chunk; seven names work out of the "
                  + "box, lzo and brotli need codec jars Spark does not ship");
        });
  }

  public static List<CodecResult> compareCodecs(SparkSession spark, Path output, long rows)
      throws IOException {
    FileSystem fs = Lesson.fileSystem(spark, output);
    Dataset<Row> orders = ParquetSampleData.orders(spark, rows, 1);
    List<CodecResult> results = new ArrayList<>();
    for (String codec : CODECS) {
      Path dir = new Path(output, "orders-" + codec);
      String codecClass =
          ParquetCompressionCodec.fromString(codec)
              .getCompressionCodec()
              .getHadoopCompressionCodecClassName();
      if (codecClass == null) {
        // none / uncompressed: pages are stored as they are, no codec class involved.
        orders.write().mode("overwrite").option("compression", codec).parquet(dir.toString());
        results.add(
            new CodecResult(
                codec,
                footerCodecs(fs, dir),
                ParquetFiles.size(fs, dir),
                spark.read().parquet(dir.toString()).count(),
                "",
                "",
                0,
                null));
        continue;
      }
      if (codeSource(codecClass) == null) {
        // Every write task would fail creating the codec: say so instead of failing a job.
        results.add(
            new CodecResult(
                codec,
                Set.of(),
                0,
                0,
                codecClass,
                "",
                0,
                "codec class " + codecClass + " is not on the classpath"));
        continue;
      }
      CodeSource library = codeSource(LIBRARY_CLASS.get(codec));
      // A JDK class has no code source: the JDK's own zlib.
      String jarPath = library == null ? null : library.getLocation().getPath();
      String jar = jarPath == null ? "the JDK" : jarPath.substring(jarPath.lastIndexOf('/') + 1);
      int nativeLibraries = jarPath == null ? 0 : nativeLibraries(jarPath);
      try {
        orders.write().mode("overwrite").option("compression", codec).parquet(dir.toString());
        results.add(
            new CodecResult(
                codec,
                footerCodecs(fs, dir),
                ParquetFiles.size(fs, dir),
                spark.read().parquet(dir.toString()).count(),
                codecClass,
                jar,
                nativeLibraries,
                null));
      } catch (Exception e) {
        results.add(
            new CodecResult(
                codec, Set.of(), 0, 0, codecClass, jar, nativeLibraries, Errors.oneLine(e)));
      }
    }
    return results;
  }

  /** Where a codec class comes from, or null when no jar on the classpath has it. */
  private static CodeSource codeSource(String className) {
    try {
      return Class.forName(className, false, CompressionCodecName.class.getClassLoader())
          .getProtectionDomain()
          .getCodeSource();
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  /**
   * Shared libraries packed inside a jar on the classpath (a local file wherever the driver runs):
   * what a JNI binding loads at run time.
   */
  private static int nativeLibraries(String jar) {
    if (!jar.endsWith(".jar")) {
      return 0;
    }
    try (JarFile file = new JarFile(jar)) {
      return (int)
          file.stream()
              .map(e -> e.getName())
              .filter(
                  n ->
                      n.endsWith(".so")
                          || n.endsWith(".dll")
                          || n.endsWith(".dylib")
                          || n.endsWith(".jnilib"))
              .count();
    } catch (IOException e) {
      return 0;
    }
  }

  /** Every column chunk's codec, as parquet-hadoop reads it from the footers. */
  static Set<String> footerCodecs(FileSystem fs, Path dir) {
    Set<String> codecs = new TreeSet<>();
    for (Path file : ParquetFiles.dataFiles(fs, dir)) {
      for (BlockMetaData rowGroup : ParquetFiles.footer(fs, file).getBlocks()) {
        for (ColumnChunkMetaData column : rowGroup.getColumns()) {
          codecs.add(column.getCodec().name());
        }
      }
    }
    return codecs;
  }
}
