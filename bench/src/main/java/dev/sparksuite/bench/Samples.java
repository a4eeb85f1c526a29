package dev.sparksuite.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Every measured time of one case, in milliseconds, in the order they were measured. */
record Samples(double[] ms) {

  double median() {
    return percentile(50);
  }

  /** Nearest rank: the smallest measured time that at least p % of the runs do not exceed. */
  double percentile(int p) {
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }

  double min() {
    return Arrays.stream(ms).min().orElseThrow();
  }

  double max() {
    return Arrays.stream(ms).max().orElseThrow();
  }

  int runs() {
    return ms.length;
  }

  /** "median (min–max)", rounded to the millisecond, or to a tenth below 100 ms. */
  String cell() {
    String format = median() < 100 ? "%.1f (%.1f–%.1f)" : "%.0f (%.0f–%.0f)";
    return String.format(Locale.ROOT, format, median(), min(), max());
  }

  /** Every run, as measured: the raw figures a table is computed from. */
  String raw() {
    return Arrays.stream(ms)
        .mapToObj(t -> String.format(Locale.ROOT, "%.1f", t))
        .collect(Collectors.joining(" "));
  }
}
