package dev.sparksuite.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.cluster.ClusterJob.JobResult;
import dev.sparksuite.testkit.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadBackCheckTest extends SparkTestBase {

  private static final long RECORDS = 1_000;

  @TempDir Path dir;
  private Path published;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void publishARun() throws Exception {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    JobOptions options =
        new JobOptions(
            RECORDS, 2, Optional.of(dir.resolve("results").toString()), 0, Optional.empty());
    JobResult result = ClusterJob.execute(spark, options, quiet);
    ClusterJob.writeResults(spark, options, result, quiet);
    published = dir.resolve("results");
  }

  @Test
  void theTablesAPublishedRunWroteReadBackAsItsAggregates() throws Exception {
    assertThat(ReadBackCheck.read(spark, published.toString()))
        .isEqualTo(ExpectedAggregates.of(RECORDS, JobOptions.TOP_N));
    assertThat(check(published, RECORDS)).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("10 category quantities, 10 category stats, 5 region totals, 30 top records")
        .contains("Read back: PASSED");
  }

  @Test
  void aChangedRowIsNamedAndFailsTheCheck() throws Exception {
    // One region's revenue off by one, written over the published table.
    Dataset<Row> regions =
        spark
            .read()
            .parquet(published.resolve("region_totals").toString())
            .selectExpr("region", "records", "amount + IF(region = 'north', 1, 0) AS amount")
            .localCheckpoint();
    regions
        .coalesce(1)
        .write()
        .mode("overwrite")
        .parquet(published.resolve("region_totals").toString());

    assertThat(check(published, RECORDS)).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("read-back-check: FAILED: 1 results differ")
        .contains("region totals (broadcast join stage): expected RegionTotal[region=north");
  }

  @Test
  void aCountOtherThanTheWritersFailsTheCheck() throws Exception {
    assertThat(check(published, RECORDS + 1)).isEqualTo(1);
    assertThat(err.toString()).contains("read-back-check: FAILED");
  }

  @Test
  void aMissingDirectoryIsOneLineAndExitOne() throws Exception {
    assertThat(check(dir.resolve("nothing-here"), RECORDS)).isEqualTo(1);
    assertThat(err.toString().lines().toList())
        .singleElement()
        .asString()
        .startsWith("read-back-check: cannot read " + dir.resolve("nothing-here"))
        .contains("PATH_NOT_FOUND");
  }

  @Test
  void badArgumentsAreOneLineAndExitTwoBeforeSparkStarts() {
    for (String[] args :
        new String[][] {
          {},
          {published.toString()},
          {published.toString(), "many"},
          {published.toString(), "0"},
          {"--records", "10"}
        }) {
      err.reset();
      assertThat(
              ReadBackCheck.run(
                  args,
                  new PrintStream(out, true, StandardCharsets.UTF_8),
                  new PrintStream(err, true, StandardCharsets.UTF_8)))
          .isEqualTo(2);
      assertThat(err.toString().lines().toList())
          .singleElement()
          .asString()
          .startsWith(
              "read-back-check: usage: spark-submit --class dev.sparksuite.cluster.ReadBackCheck");
    }
  }

  private int check(Path path, long records) {
    return ReadBackCheck.check(
        spark,
        path.toString(),
        records,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }
}
