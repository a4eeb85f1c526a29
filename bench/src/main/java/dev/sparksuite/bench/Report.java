package dev.sparksuite.bench;

import dev.sparksuite.bench.FormatBenchmark.ReaderComparison;
import dev.sparksuite.bench.FormatBenchmark.Result;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** The benchmark's results as Markdown tables, a PNG chart, and the verdict on each target. */
final class Report {

  private final long rows;
  private final int runs;
  private final String master;
  private final List<Result> results;
  private final List<ReaderComparison> readers;

  Report(long rows, int runs, String master, List<Result> results, List<ReaderComparison> readers) {
    this.rows = rows;
    this.runs = runs;
    this.master = master;
    this.results = results;
    this.readers = readers;
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append(String.format("# Format benchmark: %,d rows%n%n", rows));
    md.append(String.format("Spark %s on `%s`, %d cores, %s %s; one warm-up, then the median of %d runs "
            + "(fastest–slowest) in ms.%n%n", org.apache.spark.package$.MODULE$.SPARK_VERSION(), master,
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
        System.getProperty("java.version"), runs));
    md.append("| format/codec | size (MB) | % of CSV | write | full scan | 2 columns | filter 1% of ids | "
        + "rows its scan read | row groups read |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    double csv = bytes("csv/none");
    for (Result r : results) {
      md.append(String.format("| %s | %.1f | %.0f%% | %s | %s | %s | %s | %,d | %s |%n", r.variant().name(),
          r.bytes() / 1e6, 100.0 * r.bytes() / csv, r.write().cell(), r.fullScan().cell(), r.projection().cell(),
          r.filter().cell(), r.filterRowsScanned(),
          r.skipping() == null ? "–" : r.skipping().read() + " of " + r.skipping().total()));
    }
    md.append("\nFull scan: every column of every row into Spark's `noop` sink. Filter: `id BETWEEN` a 1% range of the "
        + "sorted key; \"rows its scan read\" is the file scan's output before the Filter (row groups, stripes and "
        + "pages skipped below it); \"row groups read\" is what parquet-hadoop's statistics filter, or orc-core's "
        + "row-index filter (10,000-row groups), keeps.\n");
    md.append("\n## Readers: Spark vectorized, Spark row by row, the format's own library (full scan, ms)\n\n");
    md.append("| file | Spark vectorized | Spark row by row | vectorized speed-up | native library, 1 thread |\n");
    md.append("|---|---:|---:|---:|---:|\n");
    for (ReaderComparison c : readers) {
      md.append(String.format("| %s | %s | %s | %s | %s |%n", c.variant().name(), c.vectorized().cell(),
          c.rowByRow() == null ? "(no vectorized reader)" : c.rowByRow().cell(),
          c.rowByRow() == null ? "–" : String.format("%.1f×", c.rowByRow().medianMs() / c.vectorized().medianMs()),
          c.nativeReader().cell()));
    }
    md.append("\n## Targets\n\n");
    targets().forEach(t -> md.append("- ").append(t).append('\n'));
    return md.toString();
  }

  /** Each target, its measured value, and MET or MISSED. Printed, never asserted. */
  List<String> targets() {
    double csv = bytes("csv/none");
    double avroSnappy = bytes("avro/snappy");
    String sizes = String.format("Parquet/zstd is %.0f%% of CSV and %.0f%% of Avro/snappy; ORC/zstd %.0f%% and %.0f%% "
            + "(target ≤ 25%% and ≤ 50%%): %s",
        100 * bytes("parquet/zstd") / csv, 100 * bytes("parquet/zstd") / avroSnappy,
        100 * bytes("orc/zstd") / csv, 100 * bytes("orc/zstd") / avroSnappy,
        verdict(bytes("parquet/zstd") <= 0.25 * csv && bytes("parquet/zstd") <= 0.5 * avroSnappy
            && bytes("orc/zstd") <= 0.25 * csv && bytes("orc/zstd") <= 0.5 * avroSnappy));
    ReaderComparison parquet = reader("parquet/zstd");
    ReaderComparison orc = reader("orc/zstd");
    double parquetSpeedup = parquet.rowByRow().medianMs() / parquet.vectorized().medianMs();
    double orcSpeedup = orc.rowByRow().medianMs() / orc.vectorized().medianMs();
    String vectorized = String.format("vectorized vs row-by-row reader: Parquet %.1f×, ORC %.1f× (target ≥ 8×): %s",
        parquetSpeedup, orcSpeedup, verdict(parquetSpeedup >= 8 && orcSpeedup >= 8));
    Result p = result("parquet/zstd");
    Result o = result("orc/zstd");
    double parquetShare = (double) p.skipping().read() / p.skipping().total();
    double orcShare = (double) o.skipping().read() / o.skipping().total();
    String skipping = String.format("a 1%% filter on the sorted key reads %.1f%% of Parquet row groups, %.1f%% of ORC row "
        + "groups (target ≤ 5%%): %s", 100 * parquetShare, 100 * orcShare, verdict(parquetShare <= 0.05 && orcShare <= 0.05));
    String nativeVsSpark = String.format("Spark's vectorized scan vs the native library: Parquet %.0f vs %.0f ms, ORC %.0f vs "
            + "%.0f ms (target: Spark no slower): %s", parquet.vectorized().medianMs(), parquet.nativeReader().medianMs(),
        orc.vectorized().medianMs(), orc.nativeReader().medianMs(),
        verdict(parquet.vectorized().medianMs() <= parquet.nativeReader().medianMs()
            && orc.vectorized().medianMs() <= orc.nativeReader().medianMs()));
    return List.of(sizes, vectorized, skipping, nativeVsSpark);
  }

  /** Size on the left axis, times on the right one: megabytes and milliseconds do not share a scale. */
  void chart(Path png) throws IOException {
    List<String> names = results.stream().map(r -> r.variant().name()).toList();
    CategoryChart chart = new CategoryChartBuilder().width(1200).height(600)
        .title(String.format("Size and times, %,d rows (median of %d runs)", rows, runs)).xAxisTitle("format/codec")
        .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setXAxisLabelRotation(45);
    chart.setYAxisGroupTitle(0, "size (MB)");
    chart.setYAxisGroupTitle(1, "time (ms)");
    chart.addSeries("size (MB)", names, results.stream().map(r -> r.bytes() / 1e6).toList()).setYAxisGroup(0);
    chart.addSeries("write (ms)", names, results.stream().map(r -> r.write().medianMs()).toList()).setYAxisGroup(1);
    chart.addSeries("full scan (ms)", names, results.stream().map(r -> r.fullScan().medianMs()).toList())
        .setYAxisGroup(1);
    chart.addSeries("filter 1% (ms)", names, results.stream().map(r -> r.filter().medianMs()).toList())
        .setYAxisGroup(1);
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private double bytes(String name) {
    return result(name).bytes();
  }

  private Result result(String name) {
    return results.stream().filter(r -> r.variant().name().equals(name)).findFirst().orElseThrow();
  }

  private ReaderComparison reader(String name) {
    Optional<ReaderComparison> found = readers.stream().filter(r -> r.variant().name().equals(name)).findFirst();
    return found.orElseThrow();
  }

  private static String verdict(boolean met) {
    return met ? "**MET**" : "**MISSED**";
  }
}
