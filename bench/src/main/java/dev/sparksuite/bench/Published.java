package dev.sparksuite.bench;

import dev.sparksuite.bench.FormatBenchmark.Query;
import java.util.Map;

/**
 * The figures Spark publishes for its own {@code DataSourceReadBenchmark}, copied from its results
 * file as they stand: Rate(M/s) of the best iteration, Parquet written as DataPageV1 (Spark's
 * default), Snappy-compressed, read on {@code local[1]}, so the rate is already per core.
 */
final class Published {

  static final String FILE = "sql/core/benchmarks/DataSourceReadBenchmark-results.txt";
  static final String COMMIT = "c865c09ba448e1aaad3d1b1b600c47acbba84f4c";
  static final String SOURCE = "apache/spark `" + FILE + "` at commit " + COMMIT;
  static final String JVM = "OpenJDK 64-Bit Server VM 17.0.11+9-LTS on Linux 6.5.0-1018-azure";
  static final String CPU = "AMD EPYC 7763 64-Core Processor";

  /**
   * Millions of rows per second: SQL Parquet Vectorized: DataPageV1 / SQL Parquet MR: DataPageV1,
   * SQL ORC Vectorized / SQL ORC MR; and the rows Spark's benchmark reads.
   */
  record Rates(
      String benchmarkCase,
      long rows,
      double parquetVectorized,
      double parquetMr,
      double orcVectorized,
      double orcMr) {

    double parquetRatio() {
      return parquetVectorized / parquetMr;
    }

    double orcRatio() {
      return orcVectorized / orcMr;
    }
  }

  static final Map<Query, Rates> RATES =
      Map.of(
          Query.SUM_INT,
          new Rates("SQL Single INT Column Scan", 15L << 20, 145.3, 7.3, 100.2, 9.5),
          Query.SUM_BIGINT,
          new Rates("SQL Single BIGINT Column Scan", 15L << 20, 55.4, 6.1, 88.1, 9.0),
          Query.SUM_STRING,
          new Rates("Repeated String", 10L << 20, 25.6, 6.0, 26.9, 5.9));

  private Published() {}
}
