package dev.sparksuite.cluster;

import dev.sparksuite.cluster.Aggregates.CategoryQuantity;
import dev.sparksuite.cluster.Aggregates.CategoryStats;
import dev.sparksuite.cluster.Aggregates.RegionTotal;
import java.util.Locale;
import java.util.stream.Collectors;

/** The job's answers, compactly: one line per region, one per category with its top records. */
final class ResultTable {

  private static final Locale NUMBERS = Locale.ROOT;

  private ResultTable() {}

  static String of(Aggregates a) {
    StringBuilder out = new StringBuilder();
    line(out, "Results: revenue per region (stage 3)");
    line(out, "  %-8s %12s %16s", "region", "records", "revenue");
    for (RegionTotal r : a.regionTotals()) {
      line(out, "  %-8s %,12d %,16d", r.region(), r.records(), r.amount());
    }
    line(
        out,
        "Results: per category, units (stage 1), records, revenue and ids (stage 2), top %d by amount as id:amount (stage 4)",
        JobOptions.TOP_N);
    line(
        out,
        "  %-8s %-8s %10s %12s %14s  %-19s  %s",
        "category",
        "region",
        "records",
        "units",
        "revenue",
        "id range",
        "top");
    for (CategoryStats s : a.categoryStats()) {
      long units =
          a.categoryQuantities().stream()
              .filter(q -> q.category() == s.category())
              .mapToLong(CategoryQuantity::quantity)
              .sum();
      String top =
          a.topPerCategory().stream()
              .filter(t -> t.category() == s.category())
              .map(t -> String.format(NUMBERS, "%d:%d", t.id(), t.amount()))
              .collect(Collectors.joining(" "));
      line(
          out,
          "  %-8d %-8s %,10d %,12d %,14d  %-19s  %s",
          s.category(),
          s.region(),
          s.records(),
          units,
          s.amount(),
          s.minId() + ".." + s.maxId(),
          top);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(NUMBERS, format, args)).append(System.lineSeparator());
  }
}
