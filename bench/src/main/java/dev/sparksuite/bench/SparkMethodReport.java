package dev.sparksuite.bench;

import dev.sparksuite.bench.SparkMethodReadBenchmark.Case;
import dev.sparksuite.bench.SparkMethodReadBenchmark.Shape;
import java.util.List;
import java.util.Locale;

/**
 * The Spark-method read benchmark as Markdown: Spark's own columns for each scan with the published
 * rate beside ours, the split of each case into fixed and per-row cost, and the targets.
 */
final class SparkMethodReport {

  /** Our vectorized ÷ row-by-row ratio may differ from the published one by this share. */
  static final double TOLERANCE = 0.25;

  private SparkMethodReport() {}

  static String render(String header, List<Case> cases) {
    StringBuilder out = new StringBuilder();
    line(out, "# Spark's readers, measured as Spark measures them");
    line(out, "");
    out.append(header);
    line(
        out,
        "Method: Spark's `Benchmark` defaults (a GC, %d s of warm-up, then at least %d iterations"
            + " and %d s), `local[1]`, Snappy files, Parquet written as DataPageV1 (the default),"
            + " `spark.sql.ansi.enabled=false` (the shapes cast random longs to INT and add them up);"
            + " Rate and Per Row from the best iteration. Published: %s (%s, %s).",
        SparkMethod.WARM_UP_NANOS / 1_000_000_000,
        SparkMethod.MIN_ITERATIONS,
        SparkMethod.MIN_MEASURED_NANOS / 1_000_000_000,
        Published.SOURCE,
        Published.JVM,
        Published.CPU);
    List<String> targets = new java.util.ArrayList<>();
    for (Shape shape : Shape.values()) {
      List<Case> ofShape = cases.stream().filter(c -> c.shape() == shape).toList();
      if (ofShape.isEmpty()) {
        continue;
      }
      long rows = ofShape.stream().mapToLong(Case::rows).max().orElseThrow();
      long small = ofShape.stream().mapToLong(Case::rows).min().orElseThrow();
      spark(out, shape, ofShape, rows);
      split(out, shape, ofShape, rows, small);
      for (String format : List.of("parquet", "orc")) {
        targets.add(target(shape, ofShape, format, rows, small));
      }
    }
    line(out, "");
    line(out, "## Targets");
    line(out, "");
    line(
        out,
        "Our vectorized ÷ row-by-row ratio (best iterations, full size) within %.0f %% of the"
            + " published one.",
        100 * TOLERANCE);
    line(out, "");
    targets.forEach(t -> line(out, "%s", t));
    return out.toString();
  }

  private static void spark(StringBuilder out, Shape shape, List<Case> cases, long rows) {
    line(out, "");
    line(out, "## %s, %,d rows", shape.published().benchmarkCase(), rows);
    line(out, "");
    line(
        out,
        "| case | Best Time(ms) | Avg Time(ms) | Stdev(ms) | Rate(M/s) | Per Row(ns) | Relative |"
            + " iterations | published Rate(M/s) |");
    line(out, "|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    List<Case> full = cases.stream().filter(c -> c.rows() == rows).toList();
    double first = full.get(0).result().bestMs();
    for (Case c : full) {
      SparkMethod.Result r = c.result();
      line(
          out,
          "| %s | %.0f | %.0f | %.0f | %.1f | %.1f | %.1fX | %d | %.1f |",
          name(c),
          r.bestMs(),
          r.avgMs(),
          r.stdevMs(),
          r.rate(rows),
          r.nanosPerRow(rows),
          first / r.bestMs(),
          r.iterations(),
          published(shape, c.format(), c.vectorized()));
    }
  }

  /** Best times at two sizes give each case a fixed cost per query and a cost per row. */
  private static void split(
      StringBuilder out, Shape shape, List<Case> cases, long rows, long small) {
    line(out, "");
    line(
        out,
        "Fixed cost and cost per row, from the best times at %,d and %,d rows"
            + " (time = fixed + rows × per row):",
        small,
        rows);
    line(out, "");
    line(
        out,
        "| case | best at %,d (ms) | best at %,d (ms) | fixed per query (ms) | per row (ns) |"
            + " published per row (ns) |",
        small,
        rows);
    line(out, "|---|---:|---:|---:|---:|---:|");
    for (Case c : cases.stream().filter(c -> c.rows() == rows).toList()) {
      Case s = twin(cases, c, small);
      Fit fit = Fit.of(s.result().bestMs(), small, c.result().bestMs(), rows);
      line(
          out,
          "| %s | %.0f | %.0f | %.0f | %.1f | %.1f |",
          name(c),
          s.result().bestMs(),
          c.result().bestMs(),
          fit.fixedMs(),
          fit.nanosPerRow(),
          1000 / published(shape, c.format(), c.vectorized()));
    }
  }

  private static String target(
      Shape shape, List<Case> cases, String format, long rows, long small) {
    Case vec = find(cases, format, true, rows);
    Case mr = find(cases, format, false, rows);
    double ours = mr.result().bestMs() / vec.result().bestMs();
    double published =
        format.equals("parquet") ? shape.published().parquetRatio() : shape.published().orcRatio();
    Fit vecFit =
        Fit.of(twin(cases, vec, small).result().bestMs(), small, vec.result().bestMs(), rows);
    Fit mrFit = Fit.of(twin(cases, mr, small).result().bestMs(), small, mr.result().bestMs(), rows);
    boolean met = Math.abs(ours / published - 1) <= TOLERANCE;
    String perRow = "not measurable (the vectorized reader's time did not grow with the rows)";
    if (vecFit.nanosPerRow() > 0) {
      double ratio = mrFit.nanosPerRow() / vecFit.nanosPerRow();
      perRow =
          String.format(
              Locale.ROOT,
              "%.1f× (%+.0f %%, %s 25 %%)",
              ratio,
              100 * (ratio / published - 1),
              Math.abs(ratio / published - 1) <= TOLERANCE ? "within" : "outside");
    }
    return String.format(
        Locale.ROOT,
        "- %s %s, %s: ours %.1f×, published %.1f× (%+.0f %%); per row alone, fixed cost left out: %s",
        met ? "MET" : "MISSED",
        shape.published().benchmarkCase(),
        format.equals("parquet") ? "Parquet" : "ORC",
        ours,
        published,
        100 * (ours / published - 1),
        perRow);
  }

  /** time = fixed + rows × per row, through two measured points. */
  record Fit(double fixedMs, double nanosPerRow) {
    static Fit of(double smallMs, long smallRows, double fullMs, long fullRows) {
      double msPerRow = (fullMs - smallMs) / (fullRows - smallRows);
      return new Fit(fullMs - fullRows * msPerRow, msPerRow * 1e6);
    }
  }

  private static Case twin(List<Case> cases, Case c, long rows) {
    return find(cases, c.format(), c.vectorized(), rows);
  }

  private static Case find(List<Case> cases, String format, boolean vectorized, long rows) {
    return cases.stream()
        .filter(c -> c.format().equals(format) && c.vectorized() == vectorized && c.rows() == rows)
        .findFirst()
        .orElseThrow();
  }

  private static double published(Shape shape, String format, boolean vectorized) {
    Published.Rates p = shape.published();
    if (format.equals("parquet")) {
      return vectorized ? p.parquetVectorized() : p.parquetMr();
    }
    return vectorized ? p.orcVectorized() : p.orcMr();
  }

  /** The case as Spark's results file names it. */
  static String name(Case c) {
    if (c.format().equals("parquet")) {
      return c.vectorized() ? "SQL Parquet Vectorized: DataPageV1" : "SQL Parquet MR: DataPageV1";
    }
    return c.vectorized() ? "SQL ORC Vectorized" : "SQL ORC MR";
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
