package dev.sparksuite.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.cluster.Aggregates.CategoryStats;
import dev.sparksuite.cluster.Aggregates.RegionTotal;
import dev.sparksuite.testkit.SparkTestBase;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class AggregationStagesTest extends SparkTestBase {

  @Test
  void columnExpressionsDeriveTheSameFieldsAsTheJavaFunctions() {
    List<Row> rows = Records.frame(spark, 1_000, 3).collectAsList();

    assertThat(rows).hasSize(1_000);
    List<Object[]> fromJava = new ArrayList<>();
    for (long id = 0; id < 1_000; id++) {
      fromJava.add(row(id, Records.category(id), Records.amount(id), Records.quantity(id)));
    }
    assertThat(rows(Records.frame(spark, 1_000, 3).orderBy("id"))).containsExactlyElementsOf(fromJava);
  }

  @Test
  void theDimensionTableIsBroadcastNotShuffled() {
    String plan = AggregationStages.regionTotalsPlan(spark, Records.frame(spark, 100, 2))
        .queryExecution().executedPlan().toString();

    assertThat(plan).as("physical plan:%n%s", plan).contains("BroadcastHashJoin").contains("BroadcastExchange")
        .doesNotContain("SortMergeJoin");
  }

  @Test
  void regionTotalsCombineTheirTwoCategories() {
    List<RegionTotal> regions = AggregationStages.regionTotals(spark, Records.frame(spark, 1_000, 2));

    // north holds categories 0 and 5: 200 records; amounts of ids ending in 0 or 5.
    List<CategoryStats> stats = ExpectedAggregates.of(1_000, 3).categoryStats();
    assertThat(regions).hasSize(5).contains(
        new RegionTotal("north", 200, stats.get(0).amount() + stats.get(5).amount()));
  }

  @Test
  void aTamperedResultIsNamedBySelfCheck() {
    Aggregates expected = ExpectedAggregates.of(1_000, 3);
    List<CategoryStats> stats = new ArrayList<>(expected.categoryStats());
    stats.set(4, new CategoryStats(4, 99, stats.get(4).amount(), 4, stats.get(4).maxId()));
    Aggregates tampered =
        new Aggregates(expected.categoryQuantities(), stats, expected.regionTotals(), expected.topPerCategory());

    assertThat(SelfCheck.mismatches(expected, tampered)).containsExactly(
        "category stats (groupBy stage): expected " + expected.categoryStats().get(4)
            + ", got CategoryStats[category=4, records=99, amount=" + stats.get(4).amount()
            + ", minId=4, maxId=" + stats.get(4).maxId() + "]");
  }

  @Test
  void aMissingCategoryIsAMismatchToo() {
    Aggregates expected = ExpectedAggregates.of(1_000, 3);
    Aggregates missing = new Aggregates(expected.categoryQuantities().subList(0, 9),
        expected.categoryStats(), expected.regionTotals(), expected.topPerCategory());

    assertThat(SelfCheck.mismatches(expected, missing))
        .containsExactly("category quantities (RDD stage): expected 10 rows, got 9");
  }
}
