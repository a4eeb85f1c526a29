package dev.sparksuite.bench;

import dev.sparksuite.bench.FormatBenchmark.Query;
import dev.sparksuite.lessonkit.SqlConf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Spark's vectorized Parquet and ORC readers against its row-by-row ones, measured the way Spark
 * measures them in its own {@code DataSourceReadBenchmark}: the same three single-column scans over
 * as many rows (15 Mi ints, 15 Mi longs, 10 Mi repeated strings), random values, Snappy files,
 * {@code local[1]}, and Spark's {@code Benchmark} conventions ({@link SparkMethod}). Each case runs
 * again on a file of an eighth of the rows, which splits its time into a fixed cost per query and a
 * cost per row. Prints the tables, the published figures beside them and whether our vectorized ÷
 * row-by-row ratio is within 25 % of the published one, and writes it all to a file.
 *
 * <p>Usage: {@code spark-submit --master local[1] --class
 * dev.sparksuite.bench.SparkMethodReadBenchmark bench.jar --output FILE [--scale S]} (rows ÷ S; 1,
 * Spark's sizes, by default). {@code bench/run-format-benchmark} runs it after the format
 * benchmark.
 */
public final class SparkMethodReadBenchmark {

  /** The part of the rows the second, smaller file holds. */
  static final int SMALL_FRACTION = 8;

  /** One of Spark's scans: the column it writes from random longs and the query it times. */
  enum Shape {
    INT(Query.SUM_INT, "CAST(value AS INT) AS id", "sum(id)"),
    BIGINT(Query.SUM_BIGINT, "CAST(value AS BIGINT) AS id", "sum(id)"),
    REPEATED_STRING(
        Query.SUM_STRING, "CAST((value % 200) + 10000 AS STRING) AS c1", "sum(length(c1))");

    final Query query;
    final String column;
    final String aggregate;

    Shape(Query query, String column, String aggregate) {
      this.query = query;
      this.column = column;
      this.aggregate = aggregate;
    }

    Published.Rates published() {
      return Published.RATES.get(query);
    }
  }

  /** One reader on one format at one size: Spark's statistics of the timed query. */
  record Case(
      Shape shape, String format, boolean vectorized, long rows, SparkMethod.Result result) {}

  private SparkMethodReadBenchmark() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2 || !args[0].equals("--output")) {
      System.err.println(
          "usage: SparkMethodReadBenchmark --output FILE [--scale S]   (rows ÷ S; 1 by default)");
      System.exit(2);
    }
    Path output = Path.of(args[1]);
    int scale = args.length == 4 && args[2].equals("--scale") ? Integer.parseInt(args[3]) : 1;
    SparkSession spark =
        SparkSession.builder().appName("spark-suite Spark-method read benchmark").getOrCreate();
    // Spark's shapes cast random longs to INT and add up random longs: with ANSI mode, Spark 4.1's
    // default, an out-of-range cast and an overflowing sum fail the query. Without it the cast
    // keeps the low 32 bits and the sum wraps, so the shapes run at all.
    spark.conf().set("spark.sql.ansi.enabled", "false");
    Path work = Files.createTempDirectory("spark-method-read-benchmark");
    try {
      List<Case> cases = new ArrayList<>();
      for (Shape shape : Shape.values()) {
        long rows = shape.published().rows() / scale;
        cases.addAll(measure(spark, shape, rows, work.resolve(shape.name() + "-full")));
        cases.addAll(
            measure(spark, shape, rows / SMALL_FRACTION, work.resolve(shape.name() + "-small")));
      }
      String text =
          SparkMethodReport.render(
              String.format(
                  "Measured %s. Machine: %s.%n",
                  LocalDate.now(), Machine.current(spark).describe()),
              cases);
      System.out.print(text);
      Files.createDirectories(output.toAbsolutePath().getParent());
      Files.writeString(output, text);
      System.err.println("Spark-method read benchmark: written to " + output);
    } finally {
      spark.stop();
      deleteTree(work);
    }
  }

  /** Writes the shape's rows as Parquet and ORC, Snappy, then times both readers of each. */
  private static List<Case> measure(SparkSession spark, Shape shape, long rows, Path dir) {
    // Spark's benchmark draws Random.nextLong per row; xxhash64 of the id gives values as random
    // and the same on every run.
    Dataset<Row> data =
        spark.range(rows).selectExpr("xxhash64(id) AS value").selectExpr(shape.column);
    long expected = data.selectExpr(shape.aggregate).first().getLong(0);
    List<Case> cases = new ArrayList<>();
    for (String format : List.of("parquet", "orc")) {
      String path = dir.resolve(format).toString();
      data.write().option("compression", "snappy").format(format).save(path);
      String key = "spark.sql." + format + ".enableVectorizedReader";
      for (boolean vectorized : List.of(true, false)) {
        SparkMethod.Result result =
            SqlConf.with(
                spark,
                key,
                vectorized,
                () -> {
                  Dataset<Row> table = spark.read().format(format).load(path);
                  FormatBenchmark.requireColumnarScan(table, vectorized, key);
                  return SparkMethod.measure(() -> checked(table, shape, expected, format));
                });
        cases.add(new Case(shape, format, vectorized, rows, result));
        System.err.printf(
            "  %s, %s %s, %,d rows: best %.0f ms of %d%n",
            shape.published().benchmarkCase(),
            format,
            vectorized ? "vectorized" : "row by row",
            rows,
            result.bestMs(),
            result.iterations());
      }
    }
    return cases;
  }

  private static long checked(Dataset<Row> table, Shape shape, long expected, String format) {
    long actual = table.selectExpr(shape.aggregate).first().getLong(0);
    if (actual != expected) {
      throw new IllegalStateException(
          format + " " + shape.aggregate + " is " + actual + ", expected " + expected);
    }
    return actual;
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
