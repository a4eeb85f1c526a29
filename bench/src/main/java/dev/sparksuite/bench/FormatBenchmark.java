package dev.sparksuite.bench;

import static org.apache.spark.sql.functions.col;

import dev.sparksuite.bench.Stopwatch.Timing;
import dev.sparksuite.lessons.DataFiles;
import dev.sparksuite.lessons.ScanMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The format comparison: one dataset written as Parquet, ORC and Avro with each codec, and as CSV
 * for a baseline; per format and codec the size, write time, full scan, two-column projection and
 * a selective filter on the sorted key (with the rows its scan read); Spark's vectorized against
 * its row-by-row reader; Spark against each format's own library. Results go to a Markdown table
 * and a PNG chart, checked against the targets in {@link Targets}.
 *
 * <p>Usage: {@code bench/run-format-benchmark [--rows N] [--runs R]} (1,000,000 rows, 3 runs).
 */
public final class FormatBenchmark {

  /** One format with one codec, as Spark names them. */
  record Variant(String format, String codec) {
    String name() {
      return format + "/" + codec;
    }

    String extension() {
      return format.equals("csv") ? ".csv" : "." + format;
    }
  }

  /** What was measured for one variant. */
  record Result(Variant variant, long bytes, Timing write, Timing fullScan, Timing projection, Timing filter,
      long filterRowsScanned, SkipUnits skipping) {}

  /** Row groups (Parquet) or 10,000-row index groups (ORC) the filter read, of all; null where none exist. */
  record SkipUnits(long read, long total) {}

  /** Scan times of one file with Spark's two readers and with the format's own library. */
  record ReaderComparison(Variant variant, Timing vectorized, Timing rowByRow, Timing nativeReader) {}

  static final List<Variant> VARIANTS = List.of(
      new Variant("csv", "none"),
      new Variant("parquet", "none"), new Variant("parquet", "snappy"), new Variant("parquet", "zstd"),
      new Variant("parquet", "gzip"),
      new Variant("orc", "none"), new Variant("orc", "snappy"), new Variant("orc", "zstd"), new Variant("orc", "zlib"),
      new Variant("avro", "uncompressed"), new Variant("avro", "snappy"), new Variant("avro", "zstandard"),
      new Variant("avro", "deflate"));

  private FormatBenchmark() {}

  public static void main(String[] args) throws IOException {
    long rows = 1_000_000;
    int runs = 3;
    Path output = Path.of("bench/results");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Long.parseLong(args[++i].replace("_", ""));
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--output" -> output = Path.of(args[++i]);
        default -> {
          System.err.println("usage: FormatBenchmark [--rows N] [--runs R] [--output DIR]");
          System.exit(2);
        }
      }
    }
    SparkSession spark = SparkSession.builder().appName("spark-suite format benchmark").getOrCreate();
    Path data = Files.createTempDirectory("format-benchmark-");
    try {
      Dataset<Row> dataset = BenchData.dataset(spark, rows);
      List<Result> results = new ArrayList<>();
      for (Variant variant : VARIANTS) {
        results.add(measure(spark, dataset, variant, data.resolve(variant.format() + "-" + variant.codec()), rows, runs));
        System.err.printf("measured %s%n", variant.name());
      }
      List<ReaderComparison> readers = new ArrayList<>();
      for (Variant variant : List.of(new Variant("parquet", "zstd"), new Variant("orc", "zstd"),
          new Variant("avro", "zstandard"))) {
        readers.add(compareReaders(spark, variant, data.resolve(variant.format() + "-" + variant.codec()), runs));
        System.err.printf("compared readers on %s%n", variant.name());
      }
      Report report = new Report(rows, runs, spark.sparkContext().master(), results, readers);
      Files.createDirectories(output);
      Files.writeString(output.resolve("format-benchmark.md"), report.markdown());
      report.chart(output.resolve("format-benchmark.png"));
      System.out.print(report.markdown());
      System.out.println("written: " + output.resolve("format-benchmark.md") + ", " + output.resolve("format-benchmark.png"));
    } finally {
      spark.stop();
      deleteRecursively(data);
    }
  }

  static Result measure(SparkSession spark, Dataset<Row> dataset, Variant v, Path dir, long rows, int runs) {
    Timing write = Stopwatch.time(runs, () -> {
      var writer = dataset.write().mode("overwrite").format(v.format());
      if (!v.format().equals("csv")) {
        writer = writer.option("compression", v.codec());
      } else {
        writer = writer.option("header", "true");
      }
      writer.save(dir.toString());
      return null;
    });
    Timing full = Stopwatch.time(runs, () -> noop(read(spark, v, dir)));
    Timing projection = Stopwatch.time(runs, () -> noop(read(spark, v, dir).select("id", "double_col")));
    long low = rows / 2;
    long high = low + rows / 100 - 1;
    Timing filter = Stopwatch.time(runs, () -> read(spark, v, dir).where(col("id").between(low, high)).collectAsList());
    var scan = ScanMetrics.collectAndMeasure(read(spark, v, dir).where(col("id").between(low, high)));
    return new Result(v, DataFiles.totalSize(dir, v.extension()), write, full, projection, filter, scan.rowsOutput(),
        skipping(v, dir, low, high, rows));
  }

  /** The filter as each format's own library applies it to row groups: what a reader may skip. */
  private static SkipUnits skipping(Variant v, Path dir, long low, long high, long rows) {
    return switch (v.format()) {
      case "parquet" -> new SkipUnits(
          dev.sparksuite.parquet.ParquetFooters.rowGroupsRead(dir,
              org.apache.parquet.filter2.predicate.FilterApi.and(
                  org.apache.parquet.filter2.predicate.FilterApi.gtEq(
                      org.apache.parquet.filter2.predicate.FilterApi.longColumn("id"), low),
                  org.apache.parquet.filter2.predicate.FilterApi.ltEq(
                      org.apache.parquet.filter2.predicate.FilterApi.longColumn("id"), high)),
              dev.sparksuite.parquet.ParquetFooters.RowGroupFilter.STATISTICS),
          dev.sparksuite.parquet.ParquetFooters.rowGroups(dir));
      case "orc" -> {
        var sarg = org.apache.hadoop.hive.ql.io.sarg.SearchArgumentFactory.newBuilder()
            .between("id", org.apache.hadoop.hive.ql.io.sarg.PredicateLeaf.Type.LONG, low, high).build();
        long stride = 10_000;
        yield new SkipUnits((dev.sparksuite.orc.OrcFiles.rowsRead(dir, sarg, "id") + stride - 1) / stride,
            (rows + stride - 1) / stride);
      }
      default -> null;
    };
  }

  static ReaderComparison compareReaders(SparkSession spark, Variant v, Path dir, int runs) {
    Timing nativeReader = Stopwatch.time(runs, () -> NativeScans.scan(v.format(), dir));
    if (v.format().equals("avro")) {
      // Avro has no vectorized reader in Spark: one Spark timing, in the "vectorized" column.
      return new ReaderComparison(v, Stopwatch.time(runs, () -> noop(read(spark, v, dir))), null, nativeReader);
    }
    String key = "spark.sql." + v.format() + ".enableVectorizedReader";
    String before = spark.conf().get(key);
    try {
      spark.conf().set(key, true);
      Timing vectorized = Stopwatch.time(runs, () -> noop(read(spark, v, dir)));
      spark.conf().set(key, false);
      Timing rowByRow = Stopwatch.time(runs, () -> noop(read(spark, v, dir)));
      return new ReaderComparison(v, vectorized, rowByRow, nativeReader);
    } finally {
      spark.conf().set(key, before);
    }
  }

  private static Dataset<Row> read(SparkSession spark, Variant v, Path dir) {
    var reader = spark.read().format(v.format());
    if (v.format().equals("csv")) {
      reader = reader.option("header", "true").schema(BenchData.SCHEMA);
    }
    return reader.load(dir.toString());
  }

  /** Reads every row of every selected column and throws it away: a scan with nothing on top. */
  private static Object noop(Dataset<Row> frame) {
    frame.write().format("noop").mode("overwrite").save();
    return null;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
