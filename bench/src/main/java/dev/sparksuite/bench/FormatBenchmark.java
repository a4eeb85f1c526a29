package dev.sparksuite.bench;

import static org.apache.spark.sql.functions.col;

import dev.sparksuite.bench.BenchData.Sums;
import dev.sparksuite.lessonkit.ScanMetrics;
import dev.sparksuite.lessonkit.SqlConf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.FileSourceScanExec;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The format comparison. Two datasets (typical low-entropy columns, and the same with a random hash
 * per row) are written as Parquet, ORC and Avro with each codec and as CSV; the size table has
 * both. On the typical one, per format and codec: write time, a full scan, a single-column sum, and
 * a 1% range filter on the sorted key with the row groups/stripes and pages/index groups it must
 * read and the rows out of Spark's scan. Then Spark's vectorized reader against its row-by-row
 * reader on the query shapes of Spark's own {@code DataSourceReadBenchmark}, in rows/s per core
 * beside the figures Spark publishes, and Spark against each format's own library. Results go to a
 * Markdown file and a PNG of small charts, with each target MET or MISSED.
 *
 * <p>Usage: {@code bench/run-format-benchmark [--rows N] [--runs R]} (1,000,000 rows, 3 runs),
 * which runs {@code spark-submit --master local[2] --class dev.sparksuite.bench.FormatBenchmark
 * bench/target/bench.jar --output bench/results [--rows N] [--runs R]}.
 */
public final class FormatBenchmark {

  /**
   * Parquet row groups hold at most 100,000 rows, ORC stripes about as many (orc-core checks the
   * count between batches). With the default byte limits (128 MiB, 64 MiB) each file of a benchmark
   * this size is a single row group or stripe, and a filter could skip nothing at that level; real
   * tables have many per file. A row limit, unlike a byte limit, gives every codec the same layout,
   * so the filter table compares formats, not codecs.
   */
  static final long ROWS_PER_ROW_GROUP = 100_000;

  /** One format with one codec, as Spark names them. */
  record Variant(String format, String codec) {
    String name() {
      return format + "/" + codec;
    }

    String extension() {
      return "." + format;
    }

    String directory() {
      return format + "-" + codec;
    }
  }

  /**
   * The single-column queries of Spark's {@code DataSourceReadBenchmark}, and the full scan beside
   * them.
   */
  enum Query {
    SUM_INT("SUM(int_col)"),
    SUM_BIGINT("SUM(long_col)"),
    SUM_STRING("SUM(length(low_card))"),
    FULL_SCAN("full scan, all columns");

    final String label;

    Query(String label) {
      this.label = label;
    }
  }

  /** What was measured for one variant; {@code skipping} is null for formats without statistics. */
  record Result(
      Variant variant,
      long bytes,
      long bytesWithHash,
      Samples write,
      Samples fullScan,
      Samples sumInt,
      Samples filter,
      long filterRowsOut,
      Skipping skipping) {}

  /**
   * One query on one file with Spark's vectorized reader and with its row-by-row reader (null for
   * Avro).
   */
  record ReaderRun(Variant variant, Query query, Samples vectorized, Samples rowByRow) {}

  /** A full scan by Spark (all cores) and by the format's own library (one thread). */
  record NativeRun(Variant variant, Samples spark, Samples nativeLibrary) {}

  static final List<Variant> VARIANTS =
      List.of(
          new Variant("csv", "none"),
          new Variant("parquet", "none"),
          new Variant("parquet", "snappy"),
          new Variant("parquet", "zstd"),
          new Variant("parquet", "gzip"),
          new Variant("orc", "none"),
          new Variant("orc", "snappy"),
          new Variant("orc", "zstd"),
          new Variant("orc", "zlib"),
          new Variant("avro", "uncompressed"),
          new Variant("avro", "snappy"),
          new Variant("avro", "zstandard"),
          new Variant("avro", "deflate"));

  /**
   * Snappy, as {@code DataSourceReadBenchmark} writes its Parquet and ORC tables: the same files as
   * the published figures.
   */
  static final List<Variant> READER_VARIANTS =
      List.of(
          new Variant("parquet", "snappy"),
          new Variant("orc", "snappy"),
          new Variant("avro", "snappy"));

  private FormatBenchmark() {}

  public static void main(String[] args) throws IOException {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("FormatBenchmark: " + e.getMessage());
      System.err.println(BenchOptions.USAGE);
      System.exit(2);
      return;
    }
    SparkSession spark =
        SparkSession.builder().appName("spark-suite format benchmark").getOrCreate();
    Path data = Files.createTempDirectory("format-benchmark-");
    try {
      Report report = run(spark, options, data);
      Files.createDirectories(options.output());
      Path markdown = options.output().resolve("format-benchmark-" + options.label() + ".md");
      Path png = options.output().resolve("format-benchmark-" + options.label() + ".png");
      Files.writeString(markdown, report.markdown());
      Charts.write(report, png);
      System.out.print(report.markdown());
      System.out.println("written: " + markdown + ", " + png);
    } finally {
      spark.stop();
      deleteRecursively(data);
    }
  }

  static Report run(SparkSession spark, BenchOptions options, Path data) throws IOException {
    long rows = options.rows();
    int runs = options.runs();
    Sums expected = BenchData.expectedSums(spark, rows);
    Dataset<Row> typical = BenchData.typical(spark, rows);
    Dataset<Row> withHash = BenchData.withHash(spark, rows);
    List<Result> results = new ArrayList<>();
    for (Variant variant : VARIANTS) {
      Path hashDir = data.resolve("hash").resolve(variant.directory());
      writer(withHash, variant).save(hashDir.toString());
      long bytesWithHash = LocalFiles.totalSize(hashDir, variant.extension());
      deleteRecursively(hashDir);
      results.add(
          measure(
              spark,
              typical,
              variant,
              data.resolve(variant.directory()),
              rows,
              runs,
              expected,
              bytesWithHash));
      System.err.printf("measured %s%n", variant.name());
    }
    List<ReaderRun> readers = new ArrayList<>();
    List<NativeRun> natives = new ArrayList<>();
    for (Variant variant : READER_VARIANTS) {
      Path dir = data.resolve(variant.directory());
      for (Query query : Query.values()) {
        readers.add(compareReaders(spark, variant, dir, query, runs, expected));
      }
      natives.add(
          new NativeRun(
              variant,
              Stopwatch.time(runs, () -> noop(read(spark, variant, dir))),
              Stopwatch.time(
                  runs, () -> checkRows(NativeScans.scan(variant.format(), dir), rows, variant))));
      System.err.printf("compared readers on %s%n", variant.name());
    }
    return new Report(Machine.current(spark), rows, runs, results, readers, natives);
  }

  static Result measure(
      SparkSession spark,
      Dataset<Row> typical,
      Variant v,
      Path dir,
      long rows,
      int runs,
      Sums expected,
      long bytesWithHash) {
    Samples write =
        Stopwatch.time(
            runs,
            () -> {
              writer(typical, v).save(dir.toString());
              return null;
            });
    Samples full = Stopwatch.time(runs, () -> noop(read(spark, v, dir)));
    Samples sumInt =
        Stopwatch.time(
            runs,
            () ->
                check(
                    sum(read(spark, v, dir), Query.SUM_INT), expected.intSum(), v, Query.SUM_INT));
    long low = rows / 2;
    long high = low + rows / 100 - 1;
    Samples filter =
        Stopwatch.time(
            runs,
            () ->
                checkRows(
                    read(spark, v, dir).where(col("id").between(low, high)).collectAsList().size(),
                    rows / 100,
                    v));
    var scan =
        ScanMetrics.collectAndMeasure(read(spark, v, dir).where(col("id").between(low, high)));
    Skipping skipping =
        switch (v.format()) {
          case "parquet" -> Skipping.parquet(dir, "id", low, high);
          case "orc" -> Skipping.orc(dir, "id", low, high);
          default -> null;
        };
    return new Result(
        v,
        LocalFiles.totalSize(dir, v.extension()),
        bytesWithHash,
        write,
        full,
        sumInt,
        filter,
        scan.rowsOutput(),
        skipping);
  }

  static ReaderRun compareReaders(
      SparkSession spark, Variant v, Path dir, Query query, int runs, Sums expected) {
    if (v.format().equals("avro")) {
      // Spark has no vectorized Avro reader: its one reader goes in the first column.
      return new ReaderRun(
          v, query, Stopwatch.time(runs, () -> runQuery(spark, v, dir, query, expected)), null);
    }
    String key = "spark.sql." + v.format() + ".enableVectorizedReader";
    Samples vectorized =
        SqlConf.with(
            spark,
            key,
            true,
            () -> {
              requireColumnarScan(read(spark, v, dir), true, key);
              return Stopwatch.time(runs, () -> runQuery(spark, v, dir, query, expected));
            });
    Samples rowByRow =
        SqlConf.with(
            spark,
            key,
            false,
            () -> {
              requireColumnarScan(read(spark, v, dir), false, key);
              return Stopwatch.time(runs, () -> runQuery(spark, v, dir, query, expected));
            });
    return new ReaderRun(v, query, vectorized, rowByRow);
  }

  private static Object runQuery(
      SparkSession spark, Variant v, Path dir, Query query, Sums expected) {
    Dataset<Row> frame = read(spark, v, dir);
    return switch (query) {
      case SUM_INT -> check(sum(frame, query), expected.intSum(), v, query);
      case SUM_BIGINT -> check(sum(frame, query), expected.longSum(), v, query);
      case SUM_STRING -> check(sum(frame, query), expected.stringLengthSum(), v, query);
      case FULL_SCAN -> noop(frame);
    };
  }

  /**
   * A toggle that did not reach the scan would compare a reader with itself: the plan says which
   * one runs.
   */
  static void requireColumnarScan(Dataset<Row> frame, boolean columnar, String key) {
    var scans =
        CollectionConverters.asJava(frame.queryExecution().executedPlan().collectLeaves()).stream()
            .filter(FileSourceScanExec.class::isInstance)
            .map(FileSourceScanExec.class::cast)
            .toList();
    if (scans.size() != 1 || scans.get(0).supportsColumnar() != columnar) {
      throw new IllegalStateException(
          "with "
              + key
              + "="
              + columnar
              + " the scan should "
              + (columnar ? "" : "not ")
              + "be columnar:\n"
              + frame.queryExecution().executedPlan());
    }
  }

  private static long sum(Dataset<Row> frame, Query query) {
    return frame.selectExpr(query.label).first().getLong(0);
  }

  private static Object check(long actual, long expected, Variant v, Query query) {
    if (actual != expected) {
      throw new IllegalStateException(
          v.name() + ": " + query.label + " is " + actual + ", expected " + expected);
    }
    return actual;
  }

  private static Object checkRows(long actual, long expected, Variant v) {
    if (actual != expected) {
      throw new IllegalStateException(
          v.name() + ": read " + actual + " rows, expected " + expected);
    }
    return actual;
  }

  private static DataFrameWriter<Row> writer(Dataset<Row> frame, Variant v) {
    var writer = frame.write().mode("overwrite").format(v.format());
    return switch (v.format()) {
      case "csv" -> writer.option("header", "true");
      case "parquet" ->
          writer
              .option("compression", v.codec())
              .option("parquet.block.row.count.limit", ROWS_PER_ROW_GROUP);
      case "orc" ->
          writer
              .option("compression", v.codec())
              .option("orc.stripe.row.count", ROWS_PER_ROW_GROUP);
      default -> writer.option("compression", v.codec());
    };
  }

  private static Dataset<Row> read(SparkSession spark, Variant v, Path dir) {
    var reader = spark.read().format(v.format());
    if (v.format().equals("csv")) {
      reader = reader.option("header", "true").schema(BenchData.TYPICAL_SCHEMA);
    }
    return reader.load(dir.toString());
  }

  /** Reads every row of every selected column and throws it away: a scan with nothing on top. */
  private static Object noop(Dataset<Row> frame) {
    frame.write().format("noop").mode("overwrite").save();
    return null;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
