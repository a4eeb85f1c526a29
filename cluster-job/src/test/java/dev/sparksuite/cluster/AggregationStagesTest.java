package dev.sparksuite.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.cluster.Aggregates.CategoryStats;
import dev.sparksuite.cluster.Aggregates.RegionTotal;
import dev.sparksuite.lessonkit.SparkWorkCounter;
import dev.sparksuite.lessonkit.SparkWorkCounter.SparkWork;
import dev.sparksuite.lessonkit.SparkWorkCounter.StageRun;
import dev.sparksuite.lessonkit.SqlConf;
import dev.sparksuite.testkit.SparkTestBase;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class AggregationStagesTest extends SparkTestBase {

  private static final int TOP_N = JobOptions.TOP_N;
  // 100,000 records in 4 partitions: every partition holds 25,000 records of every category.
  private static final long N = 100_000;
  private static final int P = 4;

  @Test
  void columnExpressionsDeriveTheSameFieldsAsTheJavaFunctions() {
    List<Object[]> fromJava = new ArrayList<>();
    for (long id = 0; id < 1_000; id++) {
      fromJava.add(row(id, Records.category(id), Records.amount(id), Records.quantity(id)));
    }
    assertThat(rows(Records.frame(spark, 1_000, 3).orderBy("id")))
        .containsExactlyElementsOf(fromJava);
  }

  @Test
  void theAggregateShufflesOnePartialRowPerCategoryAndPartitionAndTheJoinNothing() {
    Dataset<Row> stats = AggregationStages.categoryStatsPlan(spark, Records.frame(spark, N, P));

    SparkWork work = measure(() -> stats.collectAsList());

    String plan = stats.queryExecution().executedPlan().toString();
    assertThat(plan)
        .as("physical plan:%n%s", plan)
        .contains("BroadcastHashJoin")
        .contains("BroadcastExchange")
        .doesNotContain("SortMergeJoin");
    assertThat(shuffledRecords(work))
        .as(
            "the partial aggregate runs in the map task and the join after the shuffle: 10 rows per partition cross")
        .isEqualTo((long) Records.CATEGORIES * P);
  }

  @Test
  void regionTotalsAddUpTheirTwoCategoriesAndTheRegionComesFromTheDimension() {
    List<CategoryStats> stats =
        AggregationStages.categoryStats(spark, Records.frame(spark, 1_000, 2));
    List<RegionTotal> regions = AggregationStages.regionTotals(stats);

    assertThat(stats)
        .extracting(CategoryStats::region)
        .containsExactly(
            "north", "east", "south", "west", "central", "north", "east", "south", "west",
            "central");
    // north holds categories 0 and 5: 200 records; amounts of ids ending in 0 or 5.
    assertThat(regions)
        .hasSize(5)
        .contains(new RegionTotal("north", 200, stats.get(0).amount() + stats.get(5).amount()));
  }

  @Test
  void sparkLimitsEachCategoryToTheTopNBeforeTheWindowsShuffle() {
    Dataset<Row> ranked = AggregationStages.rankWithinCategory(Records.frame(spark, N, P), TOP_N);

    SparkWork limited = measure(() -> ranked.collectAsList());
    SparkWork unlimited =
        SqlConf.with(
            spark,
            "spark.sql.optimizer.windowGroupLimitThreshold",
            -1,
            () ->
                measure(
                    () ->
                        AggregationStages.rankWithinCategory(Records.frame(spark, N, P), TOP_N)
                            .collectAsList()));

    String plan = ranked.queryExecution().executedPlan().toString();
    assertThat(plan)
        .as("physical plan:%n%s", plan)
        .containsPattern(
            "(?s)Exchange hashpartitioning\\(category.*WindowGroupLimit .*Partial.*Sort \\[category");
    assertThat(shuffledRecords(limited))
        .as(
            "Spark 4.1.1 plans a partial WindowGroupLimit: at most N rows per category and partition cross")
        .isEqualTo((long) TOP_N * Records.CATEGORIES * P);
    assertThat(shuffledRecords(unlimited)).as("without it, every record crosses").isEqualTo(N);
    assertThat(PlanNodes.of(ranked))
        .as("the operators the job's report prints")
        .filteredOn(node -> node.startsWith("WindowGroupLimit"))
        .hasSize(2);
  }

  @Test
  void planNodesShowNoWindowLimitWhenSparkPlansNone() {
    Dataset<Row> unlimited =
        SqlConf.with(
            spark,
            "spark.sql.optimizer.windowGroupLimitThreshold",
            -1,
            () -> {
              Dataset<Row> ranked =
                  AggregationStages.rankWithinCategory(Records.frame(spark, 1_000, 2), TOP_N);
              ranked.collectAsList();
              return ranked;
            });

    assertThat(PlanNodes.of(unlimited))
        .isNotEmpty()
        .noneMatch(node -> node.startsWith("WindowGroupLimit"))
        .anyMatch(node -> node.startsWith("Window "));
  }

  @Test
  void planNodesNameTheJoinSparkChoseBroadcastOrSortMerge() {
    Dataset<Row> hinted =
        AggregationStages.categoryStatsPlan(spark, Records.frame(spark, 1_000, 2));
    hinted.collectAsList();
    Dataset<Row> plain =
        SqlConf.with(
            spark,
            "spark.sql.autoBroadcastJoinThreshold",
            -1,
            () -> {
              Dataset<Row> joined =
                  Records.frame(spark, 1_000, 2)
                      .groupBy("category")
                      .count()
                      .join(AggregationStages.categoryDimension(spark), "category");
              joined.collectAsList();
              return joined;
            });

    assertThat(PlanNodes.of(hinted))
        .anyMatch(node -> node.startsWith("BroadcastHashJoin"))
        .noneMatch(node -> node.startsWith("SortMergeJoin"));
    assertThat(PlanNodes.of(plain))
        .as("no hint, broadcast threshold off")
        .anyMatch(node -> node.startsWith("SortMergeJoin"))
        .noneMatch(node -> node.startsWith("BroadcastHashJoin"));
  }

  @Test
  void theCandidatesAreTheTopNPerCategoryAndPartitionAndRankLikeAllRecords() {
    Dataset<Row> records = Records.frame(spark, N, P);

    Dataset<Long> ids = Records.ids(spark, N, P);

    long candidates = AggregationStages.candidates(ids, TOP_N).count();
    List<Object[]> ranked =
        rows(AggregationStages.topPerCategoryPlan(ids, TOP_N).orderBy("category", "rank"));

    assertThat(candidates)
        .as("N per category and partition, out of %,d records", N)
        .isEqualTo((long) TOP_N * Records.CATEGORIES * P);
    assertThat(ranked)
        .as("the window over the candidates ranks like the window over every record")
        .containsExactlyElementsOf(
            rows(AggregationStages.rankWithinCategory(records, TOP_N).orderBy("category", "rank")));
    String plan =
        AggregationStages.topPerCategoryPlan(ids, TOP_N).queryExecution().executedPlan().toString();
    assertThat(plan)
        .as("the sorts run over the candidates, never over the range of records:%n%s", plan)
        .containsPattern("(?s)Sort \\[category.*MapPartitions")
        .doesNotContainPattern(
            "(?s)Sort \\[category[^\\n]*\\n[^\\n]*Project[^\\n]*\\n[^\\n]*Range");
  }

  @Test
  void aTamperedResultIsNamedBySelfCheck() {
    Aggregates expected = ExpectedAggregates.of(1_000, 3);
    List<CategoryStats> stats = new ArrayList<>(expected.categoryStats());
    CategoryStats four = stats.get(4);
    stats.set(4, new CategoryStats(4, four.region(), 99, four.amount(), 4, four.maxId()));
    Aggregates tampered =
        new Aggregates(
            expected.categoryQuantities(),
            stats,
            expected.regionTotals(),
            expected.topPerCategory());

    assertThat(SelfCheck.mismatches(expected, tampered))
        .containsExactly(
            "category stats (groupBy stage): expected "
                + four
                + ", got CategoryStats[category=4, region=central, records=99, amount="
                + four.amount()
                + ", minId=4, maxId="
                + four.maxId()
                + "]");
  }

  @Test
  void aCategoryInTheWrongRegionIsNamedBySelfCheck() {
    // The job takes regions from Records.region; the closed form states them on its own
    // (ExpectedAggregates.REGION_OF_CATEGORY), so what the job computes with a wrong mapping is
    // what this test feeds the self-check, and the self-check names it.
    Aggregates expected = ExpectedAggregates.of(1_000, 3);
    List<CategoryStats> stats = new ArrayList<>(expected.categoryStats());
    CategoryStats four = stats.get(4);
    stats.set(
        4,
        new CategoryStats(4, "north", four.records(), four.amount(), four.minId(), four.maxId()));
    Aggregates misplaced =
        new Aggregates(
            expected.categoryQuantities(),
            stats,
            AggregationStages.regionTotals(stats),
            expected.topPerCategory());

    assertThat(four.region()).isEqualTo("central");
    assertThat(SelfCheck.mismatches(expected, misplaced))
        .hasSize(3)
        .anySatisfy(m -> assertThat(m).startsWith("category stats (groupBy stage): expected"))
        .anySatisfy(m -> assertThat(m).contains("expected RegionTotal[region=central"))
        .anySatisfy(m -> assertThat(m).contains("expected RegionTotal[region=north"));
  }

  @Test
  void theJobsRegionMappingAgreesWithTheClosedFormsOwnStatement() {
    for (int c = 0; c < Records.CATEGORIES; c++) {
      assertThat(Records.region(c))
          .as("category %d", c)
          .isEqualTo(ExpectedAggregates.REGION_OF_CATEGORY.get(c));
    }
  }

  @Test
  void aMissingCategoryIsAMismatchToo() {
    Aggregates expected = ExpectedAggregates.of(1_000, 3);
    Aggregates missing =
        new Aggregates(
            expected.categoryQuantities().subList(0, 9),
            expected.categoryStats(),
            expected.regionTotals(),
            expected.topPerCategory());

    assertThat(SelfCheck.mismatches(expected, missing))
        .containsExactly("category quantities (RDD stage): expected 10 rows, got 9");
  }

  @Test
  void aRecomputedPartitionIsReportedOnceWhereItRanLast() {
    List<PartitionSummary> reports =
        List.of(
            new PartitionSummary(0, "1", "worker-a", 5),
            new PartitionSummary(1, "2", "worker-b", 5),
            new PartitionSummary(0, "3", "worker-c", 5));

    assertThat(AggregationStages.lastSummaryPerPartition(reports))
        .containsExactly(
            new PartitionSummary(0, "3", "worker-c", 5),
            new PartitionSummary(1, "2", "worker-b", 5));
  }

  /** The Spark work one action caused, from the scheduler's events. */
  static SparkWork measure(Runnable action) {
    SparkWorkCounter counter = SparkWorkCounter.register(spark.sparkContext());
    try {
      action.run();
      return counter.awaitAll(spark.sparkContext(), 30);
    } finally {
      spark.sparkContext().removeSparkListener(counter);
    }
  }

  private static long shuffledRecords(SparkWork work) {
    return work.stageRuns().stream().mapToLong(StageRun::shuffleWriteRecords).sum();
  }
}
