package dev.sparksuite.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The closed form is the job's referee, so it is itself checked against a brute-force pass. */
class ExpectedAggregatesTest {

  @Test
  void closedFormEqualsAPlainPassForEverySmallSize() {
    // Every size up to 420 covers all residue combinations of the periods 10, 7 and 100 and the
    // cases where a category has fewer than three top records.
    LongStream.rangeClosed(1, 420)
        .forEach(
            n ->
                assertThat(ExpectedAggregates.of(n, JobOptions.TOP_N))
                    .as("n = %d", n)
                    .isEqualTo(PlainAggregation.compute(n, JobOptions.TOP_N)));
  }

  @ParameterizedTest(name = "n = {0}")
  @ValueSource(longs = {1_000_000, 1_000_003, 999_999})
  void closedFormEqualsAPlainPassForJobSizes(long n) {
    assertThat(ExpectedAggregates.of(n, JobOptions.TOP_N))
        .isEqualTo(PlainAggregation.compute(n, JobOptions.TOP_N));
  }

  @Test
  void oneMillionRecordsHaveTheseTotals() {
    Aggregates expected = ExpectedAggregates.of(1_000_000, 3);
    // 100,000 ids per category; amounts 1..100 each appear 10,000 times: sum 50,500,000 overall.
    assertThat(expected.categoryStats()).hasSize(10);
    assertThat(expected.categoryStats().stream().mapToLong(Aggregates.CategoryStats::records).sum())
        .isEqualTo(1_000_000);
    assertThat(expected.categoryStats().stream().mapToLong(Aggregates.CategoryStats::amount).sum())
        .isEqualTo(50_500_000);
    assertThat(expected.categoryStats().get(9))
        .as("category 9 holds amounts 10, 20, …, 100, each 10,000 times")
        .isEqualTo(new Aggregates.CategoryStats(9, "central", 100_000, 5_500_000, 9, 999_999));
    assertThat(expected.topPerCategory().subList(0, 3))
        .containsExactly(
            new Aggregates.TopRecord(0, 1, 999_990, 91),
            new Aggregates.TopRecord(0, 2, 999_890, 91),
            new Aggregates.TopRecord(0, 3, 999_790, 91));
  }

  @Test
  void largestIdWithResidueHandlesSizesBelowTheResidue() {
    assertThat(ExpectedAggregates.largestIdWithResidue(5, 10, 7)).isEqualTo(-1);
    assertThat(ExpectedAggregates.largestIdWithResidue(8, 10, 7)).isEqualTo(7);
    assertThat(ExpectedAggregates.largestIdWithResidue(1_000_003, 100, 2)).isEqualTo(1_000_002);
  }
}
