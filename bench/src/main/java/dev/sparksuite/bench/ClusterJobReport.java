package dev.sparksuite.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cluster-job benchmark's results as Markdown: the job beside the bare pass and the loop, where
 * the job's time goes, the stages timed alone, the targets, and every measured run.
 *
 * <p>A target is MET only when it holds for the medians of at least {@value #MIN_RUNS_FOR_VERDICT}
 * measured runs and again with the job's 75th percentile in place of its median: one lucky run, or
 * a median that only just passes while a quarter of the runs miss, cannot make it MET.
 */
final class ClusterJobReport {

  static final String JOB = "job";
  static final String BARE_PASS = "bare pass";
  static final String LOOP = "plain loop";

  /** Fewer measured runs give no verdict. */
  static final int MIN_RUNS_FOR_VERDICT = 7;

  static final double TARGET_JOB_MS_AT_1M = 1_000;
  static final double TARGET_JOB_PER_BARE_PASS = 4.0;
  static final double TARGET_MARGINAL_PER_LOOP = 10.0;
  static final int TARGET_SPARK_JOBS = 8;

  private ClusterJobReport() {}

  /**
   * @param cases every case's runs per size, two sizes, the smaller first
   * @param phases every phase of the job's runs per size
   */
  static String render(
      String header,
      Map<Long, Map<String, Samples>> cases,
      Map<Long, Map<String, Samples>> phases,
      int sparkJobs) {
    List<Long> sizes = new ArrayList<>(cases.keySet());
    long small = sizes.get(0);
    long large = sizes.get(1);
    double millions = (large - small) / 1e6;
    Map<String, Samples> atSmall = cases.get(small);
    Map<String, Samples> atLarge = cases.get(large);
    int runs = atSmall.get(JOB).runs();
    StringBuilder out = new StringBuilder();
    line(out, "# Cluster job benchmark");
    line(out, "");
    out.append(header);
    line(out, "");
    line(out, "Median of the measured runs, (min–max), in milliseconds.");
    line(out, "");
    line(
        out,
        "| records | job | bare pass | plain loop | job ÷ bare pass | job's 75th percentile ÷ bare pass |");
    line(out, "|---:|---:|---:|---:|---:|---:|");
    for (long n : sizes) {
      Map<String, Samples> c = cases.get(n);
      line(
          out,
          "| %,d | %s | %s | %s | %.2f | %.2f |",
          n,
          c.get(JOB).cell(),
          c.get(BARE_PASS).cell(),
          c.get(LOOP).cell(),
          c.get(JOB).median() / c.get(BARE_PASS).median(),
          c.get(JOB).percentile(75) / c.get(BARE_PASS).median());
    }
    double jobMarginal = marginal(atSmall.get(JOB).median(), atLarge.get(JOB).median(), millions);
    double jobMarginalP75 =
        marginal(atSmall.get(JOB).median(), atLarge.get(JOB).percentile(75), millions);
    double loopMarginal =
        marginal(atSmall.get(LOOP).median(), atLarge.get(LOOP).median(), millions);
    line(out, "");
    line(
        out,
        "Per extra million records ((%,d − %,d) ÷ %.0f, medians): job %.1f ms, bare pass %.1f ms,"
            + " plain loop %.1f ms.",
        large,
        small,
        millions,
        jobMarginal,
        marginal(atSmall.get(BARE_PASS).median(), atLarge.get(BARE_PASS).median(), millions),
        loopMarginal);
    phases(out, sizes, cases, phases);
    stagesAlone(out, sizes, cases, millions);
    line(out, "");
    line(out, "Spark jobs in one run at %,d records: %d.", small, sparkJobs);
    line(out, "");
    line(out, "## Targets");
    line(out, "");
    line(
        out,
        "MET only when the medians of at least %d measured runs meet the target and the job's 75th"
            + " percentile, in place of its median, meets it too.",
        MIN_RUNS_FOR_VERDICT);
    line(out, "");
    target(
        out,
        runs,
        atSmall.get(JOB).median() <= TARGET_JOB_MS_AT_1M,
        atSmall.get(JOB).percentile(75) <= TARGET_JOB_MS_AT_1M,
        "the job at %,d records ≤ %,.0f ms: median %,.0f ms, 75th percentile %,.0f ms",
        small,
        TARGET_JOB_MS_AT_1M,
        atSmall.get(JOB).median(),
        atSmall.get(JOB).percentile(75));
    for (long n : sizes) {
      Map<String, Samples> c = cases.get(n);
      double median = c.get(JOB).median() / c.get(BARE_PASS).median();
      double p75 = c.get(JOB).percentile(75) / c.get(BARE_PASS).median();
      target(
          out,
          runs,
          median <= TARGET_JOB_PER_BARE_PASS,
          p75 <= TARGET_JOB_PER_BARE_PASS,
          "job ÷ bare pass ≤ %.1f at %,d records: %.2f (75th percentile %.2f)",
          TARGET_JOB_PER_BARE_PASS,
          n,
          median,
          p75);
    }
    double bound = TARGET_MARGINAL_PER_LOOP * loopMarginal;
    target(
        out,
        runs,
        jobMarginal <= bound,
        jobMarginalP75 <= bound,
        "the job's cost per extra million ≤ %.0f× the loop's (%.1f ms): %.1f ms, %.1f× (with the"
            + " 75th percentile at %,d: %.1f ms, %.1f×)",
        TARGET_MARGINAL_PER_LOOP,
        loopMarginal,
        jobMarginal,
        jobMarginal / loopMarginal,
        large,
        jobMarginalP75,
        jobMarginalP75 / loopMarginal);
    target(
        out,
        runs,
        sparkJobs <= TARGET_SPARK_JOBS,
        true,
        "Spark jobs per run ≤ %d: %d",
        TARGET_SPARK_JOBS,
        sparkJobs);
    raw(out, sizes, cases, phases);
    return out.toString();
  }

  /** The job's phases as it timed them; what no phase holds is shown, not hidden. */
  private static void phases(
      StringBuilder out,
      List<Long> sizes,
      Map<Long, Map<String, Samples>> cases,
      Map<Long, Map<String, Samples>> phases) {
    line(out, "");
    line(out, "## Where the job's time goes");
    line(out, "");
    line(out, "Median per phase of the same runs, ms.");
    line(out, "");
    StringBuilder head = new StringBuilder("| phase |");
    StringBuilder rule = new StringBuilder("|---|");
    sizes.forEach(
        n -> {
          head.append(String.format(Locale.ROOT, " %,d records |", n));
          rule.append("---:|");
        });
    line(out, head.toString());
    line(out, rule.toString());
    for (String phase : phases.get(sizes.get(0)).keySet()) {
      StringBuilder row = new StringBuilder("| " + phase + " |");
      sizes.forEach(n -> row.append(cell(phases.get(n).get(phase).median())));
      line(out, row.toString());
    }
    StringBuilder sum = new StringBuilder("| sum of the phases' medians |");
    StringBuilder whole = new StringBuilder("| the job, timed whole |");
    // Per run, as the same run's phases add up: a difference of medians would mix runs.
    StringBuilder rest =
        new StringBuilder("| in no phase: the whole run minus its phases (median) |");
    for (long n : sizes) {
      sum.append(cell(phases.get(n).values().stream().mapToDouble(Samples::median).sum()));
      whole.append(cell(cases.get(n).get(JOB).median()));
      rest.append(cell(unaccounted(cases.get(n).get(JOB), phases.get(n).values()).median()));
    }
    line(out, sum.toString());
    line(out, whole.toString());
    line(out, rest.toString());
  }

  /** Each run's whole time minus the sum of that run's phases. */
  static Samples unaccounted(Samples job, Collection<Samples> phases) {
    double[] rest = job.ms().clone();
    for (Samples phase : phases) {
      for (int i = 0; i < rest.length; i++) {
        rest[i] -= phase.ms()[i];
      }
    }
    return new Samples(rest);
  }

  private static void stagesAlone(
      StringBuilder out, List<Long> sizes, Map<Long, Map<String, Samples>> cases, double millions) {
    line(out, "");
    line(out, "## Stages timed alone");
    line(out, "");
    line(
        out,
        "| case | %,d records (ms) | %,d records (ms) | per extra million (ms) |",
        sizes.get(0),
        sizes.get(1));
    line(out, "|---|---:|---:|---:|");
    for (String what : cases.get(sizes.get(0)).keySet()) {
      if (what.equals(JOB) || what.equals(BARE_PASS) || what.equals(LOOP)) {
        continue;
      }
      Samples small = cases.get(sizes.get(0)).get(what);
      Samples large = cases.get(sizes.get(1)).get(what);
      line(
          out,
          "| %s | %s | %s | %.1f |",
          what,
          small.cell(),
          large.cell(),
          marginal(small.median(), large.median(), millions));
    }
  }

  private static void raw(
      StringBuilder out,
      List<Long> sizes,
      Map<Long, Map<String, Samples>> cases,
      Map<Long, Map<String, Samples>> phases) {
    line(out, "");
    line(out, "## Every measured run, ms, in the order measured");
    for (long n : sizes) {
      line(out, "");
      line(out, "%,d records:", n);
      line(out, "");
      line(out, "```");
      cases.get(n).forEach((what, s) -> line(out, "%s: %s", what, s.raw()));
      phases.get(n).forEach((what, s) -> line(out, "job phase %s: %s", what, s.raw()));
      line(out, "```");
    }
  }

  static String verdict(int runs, boolean medianMet, boolean percentileMet) {
    if (runs < MIN_RUNS_FOR_VERDICT) {
      return "NO VERDICT";
    }
    return medianMet && percentileMet ? "MET" : "MISSED";
  }

  private static void target(
      StringBuilder out,
      int runs,
      boolean medianMet,
      boolean percentileMet,
      String format,
      Object... args) {
    line(
        out,
        "- %s %s%s",
        verdict(runs, medianMet, percentileMet),
        String.format(Locale.ROOT, format, args),
        runs < MIN_RUNS_FOR_VERDICT
            ? String.format(Locale.ROOT, " (%d runs, fewer than %d)", runs, MIN_RUNS_FOR_VERDICT)
            : "");
  }

  private static double marginal(double small, double large, double millions) {
    return (large - small) / millions;
  }

  private static String cell(double ms) {
    return String.format(Locale.ROOT, " %.1f |", ms);
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
