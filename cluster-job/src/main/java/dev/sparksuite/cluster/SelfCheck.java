package dev.sparksuite.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares the job's aggregates with the closed-form values. A distributed job that silently loses
 * a partition or double-counts a retried task still "succeeds"; this check is what turns such a
 * result into a failure with a name.
 */
public final class SelfCheck {

  private SelfCheck() {}

  /** Empty when everything matches; otherwise one line per differing result. */
  public static List<String> mismatches(Aggregates expected, Aggregates actual) {
    List<String> problems = new ArrayList<>();
    compare(
        "category quantities (RDD stage)",
        expected.categoryQuantities(),
        actual.categoryQuantities(),
        problems);
    compare(
        "category stats (groupBy stage)",
        expected.categoryStats(),
        actual.categoryStats(),
        problems);
    compare(
        "region totals (broadcast join stage)",
        expected.regionTotals(),
        actual.regionTotals(),
        problems);
    compare(
        "top per category (window stage)",
        expected.topPerCategory(),
        actual.topPerCategory(),
        problems);
    return problems;
  }

  private static <T> void compare(
      String what, List<T> expected, List<T> actual, List<String> problems) {
    if (expected.size() != actual.size()) {
      problems.add(what + ": expected " + expected.size() + " rows, got " + actual.size());
      return;
    }
    for (int i = 0; i < expected.size(); i++) {
      if (!expected.get(i).equals(actual.get(i))) {
        problems.add(what + ": expected " + expected.get(i) + ", got " + actual.get(i));
      }
    }
  }
}
