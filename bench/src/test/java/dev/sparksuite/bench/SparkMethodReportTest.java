package dev.sparksuite.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.bench.SparkMethodReadBenchmark.Case;
import dev.sparksuite.bench.SparkMethodReadBenchmark.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class SparkMethodReportTest {

  @Test
  void sparksStatisticsAreTheBestTheAverageAndTheSampleStandardDeviation() {
    SparkMethod.Result r = SparkMethod.of(List.of(300_000_000L, 100_000_000L, 200_000_000L));

    assertThat(r.bestMs()).isEqualTo(100);
    assertThat(r.avgMs()).isEqualTo(200);
    assertThat(r.stdevMs()).isEqualTo(100);
    assertThat(r.rate(10_000_000)).as("M rows/s from the best").isEqualTo(100);
    assertThat(r.nanosPerRow(10_000_000)).isEqualTo(10);
  }

  @Test
  void twoSizesSplitATimeIntoAFixedCostAndACostPerRow() {
    // 100 ms fixed + 10 ns per row: 180 ms at 8 M rows, 110 ms at 1 M.
    SparkMethodReport.Fit fit = SparkMethodReport.Fit.of(110, 1_000_000, 180, 8_000_000);

    assertThat(fit.fixedMs()).isCloseTo(100, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(fit.nanosPerRow()).isCloseTo(10, org.assertj.core.data.Offset.offset(1e-9));
  }

  /**
   * Published INT: Parquet 145.3 ÷ 7.3 = 19.9×, ORC 100.2 ÷ 9.5 = 10.5×. Ours: Parquet 20× (within
   * 25 %), ORC 5× (−53 %).
   */
  @Test
  void aRatioWithinAQuarterOfThePublishedOneIsMetAndOneOutsideIsMissed() {
    long rows = 8_000_000;
    long small = 1_000_000;
    List<Case> cases =
        List.of(
            c("parquet", true, rows, 100),
            c("parquet", false, rows, 2_000),
            c("orc", true, rows, 100),
            c("orc", false, rows, 500),
            c("parquet", true, small, 60),
            c("parquet", false, small, 300),
            c("orc", true, small, 60),
            c("orc", false, small, 100));

    String text = SparkMethodReport.render("", cases);

    assertThat(text)
        .contains("- MET SQL Single INT Column Scan, Parquet: ours 20.0×, published 19.9× (+0 %)")
        .contains("- MISSED SQL Single INT Column Scan, ORC: ours 5.0×, published 10.5× (-53 %)")
        .as("ORC per row: (500 − 100) ÷ (100 − 60) = 10×, published 10.5×")
        .contains("per row alone, fixed cost left out: 10.0× (-5 %, within 25 %)")
        .contains(
            "| SQL Parquet MR: DataPageV1 | 2000 | 2000 | 0 | 4.0 | 250.0 | 0.1X | 2 | 7.3 |");
  }

  private static Case c(String format, boolean vectorized, long rows, double bestMs) {
    return new Case(
        Shape.INT, format, vectorized, rows, new SparkMethod.Result(bestMs, bestMs, 0, 2));
  }
}
