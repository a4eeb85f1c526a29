package dev.sparksuite.cluster;

import java.io.Serializable;
import java.util.List;

/**
 * Everything the job computes, in one comparable value: the self-check compares the job's
 * aggregates with {@link ExpectedAggregates} using {@code equals}.
 */
public record Aggregates(
    List<CategoryQuantity> categoryQuantities,
    List<CategoryStats> categoryStats,
    List<RegionTotal> regionTotals,
    List<TopRecord> topPerCategory) {

  /** From the RDD stage: records and units per category. */
  public record CategoryQuantity(int category, long records, long quantity)
      implements Serializable {}

  /**
   * From the DataFrame groupBy over the records joined with the category dimension: the category's
   * region (from the dimension table), records, revenue and id range.
   */
  public record CategoryStats(
      int category, String region, long records, long amount, long minId, long maxId) {}

  /** Rolled up from the ten category rows: records and revenue per region. */
  public record RegionTotal(String region, long records, long amount) {}

  /** From the window ranking: the highest-amount records of each category, ties broken by id. */
  public record TopRecord(int category, int rank, long id, long amount) {}
}
