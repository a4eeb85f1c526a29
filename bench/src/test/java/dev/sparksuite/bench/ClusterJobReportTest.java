package dev.sparksuite.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterJobReportTest {

  @Test
  void theSeventyFifthPercentileIsTheNearestRank() {
    Samples s = new Samples(new double[] {7, 1, 6, 2, 5, 3, 4});

    assertThat(s.median()).isEqualTo(4);
    assertThat(s.percentile(75)).isEqualTo(6);
    assertThat(s.min()).isEqualTo(1);
    assertThat(s.max()).isEqualTo(7);
    assertThat(s.raw()).as("in the order measured").isEqualTo("7.0 1.0 6.0 2.0 5.0 3.0 4.0");
  }

  @Test
  void aTargetIsMetOnlyWhenTheMedianAndTheSeventyFifthPercentileBothMeetIt() {
    assertThat(ClusterJobReport.verdict(7, true, true)).isEqualTo("MET");
    assertThat(ClusterJobReport.verdict(7, true, false)).isEqualTo("MISSED");
    assertThat(ClusterJobReport.verdict(7, false, true)).isEqualTo("MISSED");
    assertThat(ClusterJobReport.verdict(6, true, true)).isEqualTo("NO VERDICT");
  }

  /**
   * Job medians at 3.9 bare passes, but two of seven runs at 5: the median alone would say MET, the
   * 75th percentile says MISSED.
   */
  @Test
  void aMedianThatPassesWhileAQuarterOfTheRunsMissIsMissed() {
    double[] job = {390, 390, 390, 390, 390, 500, 500};
    String text = ClusterJobReport.render("", cases(job, job), phases(), 6);

    assertThat(text)
        .contains(
            "- MISSED job ÷ bare pass ≤ 4.0 at 1,000,000 records: 3.90 (75th percentile 5.00)")
        .contains("| 1,000,000 | 390 (390–500) | 100 (100–100) |")
        .contains("job: 390.0 390.0 390.0 390.0 390.0 500.0 500.0")
        .as("per run: 90 ms five times, 200 ms twice")
        .contains("| in no phase: the whole run minus its phases (median) | 90.0 | 90.0 |");
  }

  /**
   * What no phase holds is taken run by run: here each run's rest is 10, 190 and 10 ms (median 10),
   * where the job's median minus the phase's median would give 200 - 90 = 110.
   */
  @Test
  void whatNoPhaseHoldsIsEachRunMinusItsOwnPhases() {
    Samples job = new Samples(new double[] {100, 200, 300});
    Samples phase = new Samples(new double[] {90, 10, 290});

    Samples rest = ClusterJobReport.unaccounted(job, List.of(phase));

    assertThat(rest.raw()).isEqualTo("10.0 190.0 10.0");
    assertThat(rest.median()).isEqualTo(10).isNotEqualTo(job.median() - phase.median());
  }

  @Test
  void theCommandLineNeedsAnOutputFileAndSaysWhatIsWrong() {
    assertThat(ClusterJobBenchOptions.parse(new String[] {"--output", "o.md"}))
        .isEqualTo(new ClusterJobBenchOptions(7, Path.of("o.md")));
    assertThat(
            ClusterJobBenchOptions.parse(new String[] {"--output", "o.md", "--runs", "9"}).runs())
        .isEqualTo(9);
    assertThatThrownBy(() -> ClusterJobBenchOptions.parse(new String[] {"--runs", "7"}))
        .hasMessageStartingWith("--output FILE is required");
    assertThatThrownBy(
            () -> ClusterJobBenchOptions.parse(new String[] {"--output", "o", "--runs", "0"}))
        .hasMessage("--runs must be at least 1, not 0");
    assertThatThrownBy(() -> ClusterJobBenchOptions.parse(new String[] {"--output", "o", "--runs"}))
        .hasMessage("--runs needs a value");
    assertThatThrownBy(() -> ClusterJobBenchOptions.parse(new String[] {"--sizes", "1"}))
        .hasMessageStartingWith("unknown argument '--sizes'");
  }

  private static Map<Long, Map<String, Samples>> cases(double[] small, double[] large) {
    Map<Long, Map<String, Samples>> cases = new LinkedHashMap<>();
    cases.put(1_000_000L, sizeCases(small));
    cases.put(10_000_000L, sizeCases(large));
    return cases;
  }

  private static Map<String, Samples> sizeCases(double[] job) {
    Map<String, Samples> c = new LinkedHashMap<>();
    c.put(ClusterJobReport.JOB, new Samples(job));
    c.put(
        ClusterJobReport.BARE_PASS, new Samples(new double[] {100, 100, 100, 100, 100, 100, 100}));
    c.put(ClusterJobReport.LOOP, new Samples(new double[] {5, 5, 5, 5, 5, 5, 5}));
    return c;
  }

  private static Map<Long, Map<String, Samples>> phases() {
    Map<String, Samples> p = new LinkedHashMap<>();
    p.put("stage", new Samples(new double[] {300, 300, 300, 300, 300, 300, 300}));
    return Map.of(1_000_000L, p, 10_000_000L, p);
  }
}
