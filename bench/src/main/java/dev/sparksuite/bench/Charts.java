package dev.sparksuite.bench;

import dev.sparksuite.bench.FormatBenchmark.Query;
import dev.sparksuite.bench.FormatBenchmark.ReaderRun;
import dev.sparksuite.bench.FormatBenchmark.Result;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * One small bar chart per measure, each with its own labelled axis and the value printed on top of
 * every bar, the variants in the same order in each; saved as one PNG of three rows and two
 * columns.
 */
final class Charts {

  static final int ROWS = 3;
  static final int COLUMNS = 2;
  static final int WIDTH = 720;
  static final int HEIGHT = 420;

  private Charts() {}

  static List<CategoryChart> charts(Report report) {
    List<String> names = report.results().stream().map(r -> r.variant().name()).toList();
    List<CategoryChart> charts = new ArrayList<>();

    CategoryChart size = chart(String.format("Size, %,d rows", report.rows()), "MB", "#,##0");
    size.addSeries("typical", names, values(report, r -> r.bytes() / 1e6));
    size.addSeries("with a hash per row", names, values(report, r -> r.bytesWithHash() / 1e6));
    legendBelow(size);
    charts.add(size);

    charts.add(single(report, names, "Write (typical)", r -> r.write().median()));
    charts.add(single(report, names, "Full scan, all columns", r -> r.fullScan().median()));
    charts.add(single(report, names, "SUM(int_col), one column", r -> r.sumInt().median()));
    charts.add(single(report, names, "Filter: 1% of the sorted key", r -> r.filter().median()));
    charts.add(readers(report));
    charts.forEach(Charts::headroom);
    return charts;
  }

  static void write(Report report, Path png) throws IOException {
    BitmapEncoder.saveBitmap(
        charts(report), ROWS, COLUMNS, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private static CategoryChart single(
      Report report, List<String> names, String title, ToDoubleFunction<Result> median) {
    CategoryChart chart = chart(title + " (median of " + report.runs() + ")", "ms", "#,##0");
    chart.addSeries(title, names, values(report, median));
    return chart;
  }

  /** Vectorized and row-by-row rates on SUM(int_col), ours beside the published ones. */
  private static CategoryChart readers(Report report) {
    List<String> bars =
        List.of("Parquet vectorized", "Parquet row by row", "ORC vectorized", "ORC row by row");
    ReaderRun parquet = sumInt(report, "parquet");
    ReaderRun orc = sumInt(report, "orc");
    Published.Rates published = Published.RATES.get(Query.SUM_INT);
    CategoryChart chart = chart("SUM(int_col): Spark's readers", "M rows/s per core", "#,##0.0");
    chart.addSeries(
        "this machine",
        bars,
        List.of(
            report.perCore(parquet.vectorized()),
            report.perCore(parquet.rowByRow()),
            report.perCore(orc.vectorized()),
            report.perCore(orc.rowByRow())));
    chart.addSeries(
        "published (Spark's benchmark)",
        bars,
        List.of(
            published.parquetVectorized(),
            published.parquetMr(),
            published.orcVectorized(),
            published.orcMr()));
    legendBelow(chart);
    chart.getStyler().setXAxisLabelRotation(0);
    return chart;
  }

  /** Below the plot, where it cannot hide a bar. */
  private static void legendBelow(CategoryChart chart) {
    chart
        .getStyler()
        .setLegendVisible(true)
        .setLegendPosition(Styler.LegendPosition.OutsideS)
        .setLegendLayout(Styler.LegendLayout.Horizontal);
  }

  /** Room above the tallest bar for the value printed on its top. */
  private static void headroom(CategoryChart chart) {
    double max =
        chart.getSeriesMap().values().stream()
            .flatMap(s -> s.getYData().stream())
            .mapToDouble(Number::doubleValue)
            .max()
            .orElse(1);
    chart.getStyler().setYAxisMax(max * 1.15);
  }

  private static ReaderRun sumInt(Report report, String format) {
    return report.readers().stream()
        .filter(r -> r.variant().format().equals(format) && r.query() == Query.SUM_INT)
        .findFirst()
        .orElseThrow();
  }

  private static CategoryChart chart(String title, String yAxis, String pattern) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .yAxisTitle(yAxis)
            .build();
    chart
        .getStyler()
        .setLabelsVisible(true)
        .setLabelsRotation(90)
        .setLabelsPosition(1.0)
        .setLabelsFontColorAutomaticEnabled(false)
        .setLabelsFontColor(Color.BLACK)
        .setAvailableSpaceFill(0.8)
        .setXAxisLabelRotation(45)
        .setYAxisMin(0.0)
        .setLegendVisible(false)
        .setDecimalPattern(pattern);
    return chart;
  }

  private static List<Double> values(Report report, ToDoubleFunction<Result> value) {
    return report.results().stream().map(r -> value.applyAsDouble(r)).toList();
  }
}
