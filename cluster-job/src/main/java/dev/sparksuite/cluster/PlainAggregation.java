package dev.sparksuite.cluster;

import dev.sparksuite.cluster.Aggregates.CategoryQuantity;
import dev.sparksuite.cluster.Aggregates.CategoryStats;
import dev.sparksuite.cluster.Aggregates.RegionTotal;
import dev.sparksuite.cluster.Aggregates.TopRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The job's aggregates computed the way one would without Spark: a single pass over ids 0..n-1 in
 * one thread. It is the baseline of the benchmark and, in the tests, a second independent witness
 * next to the closed form.
 */
public final class PlainAggregation {

  private PlainAggregation() {}

  public static Aggregates compute(long n, int topN) {
    int categories = Records.CATEGORIES;
    long[] records = new long[categories];
    long[] quantity = new long[categories];
    long[] amount = new long[categories];
    long[] minId = new long[categories];
    long[] maxId = new long[categories];
    // Per category, the current best topN as (amount, id), kept sorted best first.
    long[][] topAmount = new long[categories][topN];
    long[][] topId = new long[categories][topN];
    int[] topSize = new int[categories];

    for (long id = 0; id < n; id++) {
      int c = Records.category(id);
      long a = Records.amount(id);
      if (records[c] == 0 || id < minId[c]) {
        minId[c] = id;
      }
      maxId[c] = Math.max(maxId[c], id);
      records[c]++;
      quantity[c] += Records.quantity(id);
      amount[c] += a;
      offer(topAmount[c], topId[c], topSize, c, a, id);
    }

    List<CategoryQuantity> quantities = new ArrayList<>();
    List<CategoryStats> stats = new ArrayList<>();
    TreeMap<String, long[]> regions = new TreeMap<>();
    List<TopRecord> top = new ArrayList<>();
    for (int c = 0; c < categories; c++) {
      if (records[c] == 0) {
        continue;
      }
      quantities.add(new CategoryQuantity(c, records[c], quantity[c]));
      String regionName = Records.region(c);
      stats.add(new CategoryStats(c, regionName, records[c], amount[c], minId[c], maxId[c]));
      long[] region = regions.computeIfAbsent(regionName, r -> new long[2]);
      region[0] += records[c];
      region[1] += amount[c];
      for (int i = 0; i < topSize[c]; i++) {
        top.add(new TopRecord(c, i + 1, topId[c][i], topAmount[c][i]));
      }
    }
    List<RegionTotal> regionTotals = new ArrayList<>();
    regions.forEach((name, t) -> regionTotals.add(new RegionTotal(name, t[0], t[1])));
    return new Aggregates(quantities, stats, regionTotals, top);
  }

  /**
   * Insertion into a tiny sorted array: ids arrive ascending, so a tie on amount ranks the new id
   * first.
   */
  private static void offer(long[] amounts, long[] ids, int[] sizes, int c, long amount, long id) {
    int size = sizes[c];
    int capacity = amounts.length;
    int pos = size;
    while (pos > 0 && amounts[pos - 1] <= amount) {
      pos--;
    }
    if (pos >= capacity) {
      return;
    }
    int last = Math.min(size, capacity - 1);
    for (int i = last; i > pos; i--) {
      amounts[i] = amounts[i - 1];
      ids[i] = ids[i - 1];
    }
    amounts[pos] = amount;
    ids[pos] = id;
    sizes[c] = Math.min(size + 1, capacity);
  }
}
