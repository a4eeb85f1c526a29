package dev.sparksuite.cluster;

import dev.sparksuite.cluster.Aggregates.CategoryQuantity;
import dev.sparksuite.cluster.Aggregates.CategoryStats;
import dev.sparksuite.cluster.Aggregates.RegionTotal;
import dev.sparksuite.cluster.Aggregates.TopRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.IntToLongFunction;

/**
 * The exact aggregates of ids 0..n-1, in closed form: no record is generated.
 *
 * <p>Every field is periodic in the id (category has period 10, amount 100, quantity 7), so a sum
 * over all ids is a sum over one period's residues, each weighted by how many ids in [0, n) share
 * it: {@code n / period}, plus one for the residues below {@code n % period}. The cost is a
 * constant, whatever n is, which is what makes this an independent check of the distributed job.
 */
public final class ExpectedAggregates {

  /**
   * Each category's region, written out rather than taken from {@link Records#region}: the job
   * computes with that method, so a mistake in it would otherwise be made on both sides and cancel.
   */
  static final List<String> REGION_OF_CATEGORY =
      List.of(
          "north", "east", "south", "west", "central", "north", "east", "south", "west", "central");

  private ExpectedAggregates() {}

  public static Aggregates of(long n, int topN) {
    List<CategoryQuantity> quantities = new ArrayList<>();
    List<CategoryStats> stats = new ArrayList<>();
    for (int c = 0; c < Records.CATEGORIES; c++) {
      long records = idsWithResidue(n, Records.CATEGORIES, c);
      if (records == 0) {
        continue;
      }
      int category = c;
      // quantity repeats every 70 ids (lcm of 10 and 7), amount every 100 (a multiple of 10).
      long quantity = sumOverResidues(n, 70, r -> r % 10 == category, r -> r % 7 + 1);
      long amount = sumOverResidues(n, 100, r -> r % 10 == category, r -> r + 1);
      long minId = c; // the first id of category c is c itself; there is one, since records > 0
      long maxId = largestIdWithResidue(n, Records.CATEGORIES, c);
      quantities.add(new CategoryQuantity(c, records, quantity));
      stats.add(new CategoryStats(c, REGION_OF_CATEGORY.get(c), records, amount, minId, maxId));
    }
    return new Aggregates(quantities, stats, regionTotals(stats), topPerCategory(n, topN));
  }

  private static List<RegionTotal> regionTotals(List<CategoryStats> stats) {
    List<RegionTotal> totals = new ArrayList<>();
    for (String region : REGION_OF_CATEGORY.stream().distinct().sorted().toList()) {
      long records = 0;
      long amount = 0;
      for (CategoryStats s : stats) {
        if (s.region().equals(region)) {
          records += s.records();
          amount += s.amount();
        }
      }
      if (records > 0) {
        totals.add(new RegionTotal(region, records, amount));
      }
    }
    return totals;
  }

  /**
   * Ranked by amount descending, then id descending. Amount is {@code id % 100 + 1}, so the best
   * records of category c are the largest ids with {@code id % 100 == c + 90}, then c + 80, …
   */
  private static List<TopRecord> topPerCategory(long n, int topN) {
    List<TopRecord> top = new ArrayList<>();
    for (int c = 0; c < Records.CATEGORIES; c++) {
      int rank = 0;
      for (int residue = c + 90; residue >= 0 && rank < topN; residue -= 10) {
        for (long id = largestIdWithResidue(n, 100, residue); id >= 0 && rank < topN; id -= 100) {
          top.add(new TopRecord(c, ++rank, id, residue + 1));
        }
      }
    }
    return top;
  }

  /** How many ids in [0, n) have {@code id % period == residue}. */
  static long idsWithResidue(long n, int period, int residue) {
    return n / period + (residue < n % period ? 1 : 0);
  }

  /** The largest id in [0, n) with {@code id % period == residue}, or -1 if there is none. */
  static long largestIdWithResidue(long n, int period, int residue) {
    if (n <= residue) {
      return -1;
    }
    long last = n - 1;
    return last - Math.floorMod(last - residue, (long) period);
  }

  private static long sumOverResidues(
      long n, int period, IntPredicate selected, IntToLongFunction value) {
    long sum = 0;
    for (int r = 0; r < period; r++) {
      if (selected.test(r)) {
        sum += idsWithResidue(n, period, r) * value.applyAsLong(r);
      }
    }
    return sum;
  }
}
