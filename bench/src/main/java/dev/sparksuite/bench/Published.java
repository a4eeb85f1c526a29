package dev.sparksuite.bench;

import dev.sparksuite.bench.FormatBenchmark.Query;
import java.util.Map;

/**
 * The figures Spark publishes for its own {@code DataSourceReadBenchmark}, copied from the results
 * file as they stand: Rate(M/s) of the best run, Parquet written as DataPageV1 (Spark's default),
 * Snappy-compressed, read on {@code local[1]}, so the rate is already per core.
 */
final class Published {

  static final String SOURCE =
      "apache/spark `sql/core/benchmarks/DataSourceReadBenchmark-jdk17-results.txt` "
          + "(commit d842e612e351bbdf825629de214242f5d6b7e827)";
  static final String JVM = "OpenJDK 64-Bit Server VM 17.0.4+8-LTS on Linux 5.15.0-1014-azure";
  static final String CPU = "Intel(R) Xeon(R) Platinum 8272CL CPU @ 2.60GHz";

  /**
   * Millions of rows per second: SQL Parquet Vectorized / Parquet MR (DataPageV1), SQL ORC
   * Vectorized / ORC MR.
   */
  record Rates(
      String benchmarkCase,
      double parquetVectorized,
      double parquetMr,
      double orcVectorized,
      double orcMr) {}

  static final Map<Query, Rates> RATES =
      Map.of(
          Query.SUM_INT, new Rates("SQL Single INT Column Scan", 112.2, 7.4, 67.5, 9.3),
          Query.SUM_BIGINT, new Rates("SQL Single BIGINT Column Scan", 78.3, 6.5, 51.1, 8.5),
          Query.SUM_STRING, new Rates("Repeated String", 18.3, 6.1, 22.9, 6.1));

  private Published() {}
}
