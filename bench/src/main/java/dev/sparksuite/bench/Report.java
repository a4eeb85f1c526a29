package dev.sparksuite.bench;

import dev.sparksuite.bench.FormatBenchmark.NativeRun;
import dev.sparksuite.bench.FormatBenchmark.Query;
import dev.sparksuite.bench.FormatBenchmark.ReaderRun;
import dev.sparksuite.bench.FormatBenchmark.Result;
import java.util.List;

/** The benchmark's results as Markdown tables, and the verdict on each target. */
record Report(
    Machine machine,
    long rows,
    int runs,
    List<Result> results,
    List<ReaderRun> readers,
    List<NativeRun> natives) {

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append(String.format("# Format benchmark: %,d rows%n%n", rows));
    String measured =
        runs == 1
            ? "one measured run"
            : String.format("the median of %d runs (fastest–slowest)", runs);
    md.append(
        String.format(
            "%s. One warm-up, then %s. Parquet row groups and "
                + "ORC stripes hold about %,d rows (`parquet.block.row.count.limit`, `orc.stripe.row.count`), so each file "
                + "has several, as a real table's files do.%n%n",
            machine.describe(), measured, FormatBenchmark.ROWS_PER_ROW_GROUP));
    sizes(md);
    times(md);
    filter(md);
    readers(md);
    natives(md);
    md.append("\n## Targets\n\n");
    targets().forEach(t -> md.append("- ").append(t).append('\n'));
    return md.toString();
  }

  private void sizes(StringBuilder md) {
    md.append("## Sizes\n\n");
    md.append(
        "Typical: `id` (sorted), an int of 1,000 values, a long growing by a constant step, a price with two "
            + "decimals, a 10-value string, a timestamp one second apart. With hash: the same plus a 64-character SHA-256 "
            + "hex string per row, which no encoding or codec can shrink.\n\n");
    md.append(
        "| format/codec | typical (MB) | % of CSV | with hash (MB) | % of CSV | row groups / stripes (typical) |\n");
    md.append("|---|---:|---:|---:|---:|---:|\n");
    double csv = result("csv/none").bytes();
    double csvHash = result("csv/none").bytesWithHash();
    for (Result r : results) {
      md.append(
          String.format(
              "| %s | %.1f | %.0f%% | %.1f | %.0f%% | %s |%n",
              r.variant().name(),
              r.bytes() / 1e6,
              100 * r.bytes() / csv,
              r.bytesWithHash() / 1e6,
              100 * r.bytesWithHash() / csvHash,
              r.skipping() == null ? "–" : String.format("%,d", r.skipping().units())));
    }
  }

  private void times(StringBuilder md) {
    md.append("\n## Times on the typical dataset (ms)\n\n");
    md.append(
        "Full scan: every column of every row into Spark's `noop` sink. `SUM(int_col)`: one column, as Spark's "
            + "`DataSourceReadBenchmark` measures. Filter: `id BETWEEN` a 1% range of the sorted key, collected.\n\n");
    md.append("| format/codec | write | full scan | SUM(int_col) | 1% filter |\n");
    md.append("|---|---:|---:|---:|---:|\n");
    for (Result r : results) {
      md.append(
          String.format(
              "| %s | %s | %s | %s | %s |%n",
              r.variant().name(),
              r.write().cell(),
              r.fullScan().cell(),
              r.sumInt().cell(),
              r.filter().cell()));
    }
  }

  private void filter(StringBuilder md) {
    md.append(
        String.format(
            "%n## The 1%% filter: what each scan read%n%n%,d of %,d rows match. Rows out of Spark's "
                + "scan are measured (the scan node's output, before Spark's own Filter); row groups, stripes, pages and "
                + "row-index groups are those whose min/max of `id` overlap the range, from the footers, column indexes and "
                + "row indexes. CSV and Avro have no statistics: Spark pushes the filter into their readers (`spark.sql.csv.`/"
                + "`avro.filterPushdown.enabled`, on by default), which read every row and hand out only the matching ones.%n%n",
            rows / 100, rows));
    md.append(
        "| format/codec | rows out of Spark's scan | row groups / stripes read | pages / row-index groups read |\n");
    md.append("|---|---:|---:|---:|\n");
    for (Result r : results) {
      Skipping s = r.skipping();
      md.append(
          String.format(
              "| %s | %,d | %s | %s |%n",
              r.variant().name(),
              r.filterRowsOut(),
              s == null
                  ? "–"
                  : String.format(
                      "%,d of %,d %s (%.1f%%)",
                      s.unitsRead(), s.units(), s.unit(), 100 * s.unitShare()),
              s == null
                  ? "–"
                  : String.format(
                      "%,d of %,d %s (%.1f%%)",
                      s.subUnitsRead(), s.subUnits(), s.subUnit(), 100 * s.subUnitShare())));
    }
  }

  private void readers(StringBuilder md) {
    md.append(
        String.format(
            "%n## Spark's readers: vectorized vs row by row (M rows/s per core)%n%nThe query shapes of "
                + "Spark's `DataSourceReadBenchmark` on the Snappy files. Ours: %,d rows ÷ median time ÷ %d cores. Published: "
                + "%s; `%s`, `%s`; best of its runs on `local[1]`.%n%n",
            rows, machine.cores(), Published.SOURCE, Published.JVM, Published.CPU));
    md.append(
        "| file | query | vectorized | row by row | speed-up | published vectorized | published row by row "
            + "(MR) | published speed-up |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (ReaderRun run : readers) {
      Published.Rates published = Published.RATES.get(run.query());
      boolean parquet = run.variant().format().equals("parquet");
      boolean orc = run.variant().format().equals("orc");
      String pubVec = "–";
      String pubRow = "–";
      String pubRatio = "–";
      if (published != null && (parquet || orc)) {
        double vec = parquet ? published.parquetVectorized() : published.orcVectorized();
        double row = parquet ? published.parquetMr() : published.orcMr();
        pubVec = String.format("%.1f", vec);
        pubRow = String.format("%.1f", row);
        pubRatio = String.format("%.1f×", vec / row);
      }
      if (run.rowByRow() == null) {
        md.append(
            String.format(
                "| %s | %s | (no vectorized reader) | %.1f | – | – | – | – |%n",
                run.variant().name(), run.query().label, perCore(run.vectorized())));
      } else {
        md.append(
            String.format(
                "| %s | %s | %.1f | %.1f | %.1f× | %s | %s | %s |%n",
                run.variant().name(),
                run.query().label,
                perCore(run.vectorized()),
                perCore(run.rowByRow()),
                speedUp(run),
                pubVec,
                pubRow,
                pubRatio));
      }
    }
  }

  private void natives(StringBuilder md) {
    md.append("\n## Spark against the format's own library (full scan, M rows/s per core)\n\n");
    md.append(
        "The library reads every value of every column on one thread; Spark's rate is divided by its cores.\n\n");
    md.append("| file | Spark, per core | native library, 1 thread | Spark ÷ library |\n");
    md.append("|---|---:|---:|---:|\n");
    for (NativeRun run : natives) {
      md.append(
          String.format(
              "| %s | %.1f | %.1f | %.2f |%n",
              run.variant().name(),
              perCore(run.spark()),
              rate(run.nativeLibrary(), 1),
              perCore(run.spark()) / rate(run.nativeLibrary(), 1)));
    }
  }

  /** Each target, its measured value, and MET or MISSED. Printed, never asserted. */
  List<String> targets() {
    double csv = result("csv/none").bytes();
    double parquetSize = result("parquet/zstd").bytes() / csv;
    double orcSize = result("orc/zstd").bytes() / csv;
    String sizes =
        String.format(
            "typical dataset: Parquet/zstd is %.0f%% of CSV, ORC/zstd %.0f%% (target ≤ 25%%): %s",
            100 * parquetSize, 100 * orcSize, verdict(parquetSize <= 0.25 && orcSize <= 0.25));

    double parquetSpeedUp = speedUp(reader("parquet", Query.SUM_INT));
    double orcSpeedUp = speedUp(reader("orc", Query.SUM_INT));
    String vectorized =
        String.format(
            "vectorized ÷ row-by-row on SUM(int_col): Parquet %.1f×, ORC %.1f× (target ≥ 8×; "
                + "published %.1f× and %.1f×): %s",
            parquetSpeedUp,
            orcSpeedUp,
            Published.RATES.get(Query.SUM_INT).parquetVectorized()
                / Published.RATES.get(Query.SUM_INT).parquetMr(),
            Published.RATES.get(Query.SUM_INT).orcVectorized()
                / Published.RATES.get(Query.SUM_INT).orcMr(),
            verdict(parquetSpeedUp >= 8 && orcSpeedUp >= 8));

    double parquetUnits = worst("parquet", false);
    double parquetPages = worst("parquet", true);
    double orcStripes = worst("orc", false);
    double orcGroups = worst("orc", true);
    String skipping =
        String.format(
            "the 1%% filter reads at most %.1f%% of Parquet row groups and %.1f%% of its pages, "
                + "%.1f%% of ORC stripes and %.1f%% of its row-index groups, over every codec (target ≤ 5%% of row groups or "
                + "pages): %s",
            100 * parquetUnits,
            100 * parquetPages,
            100 * orcStripes,
            100 * orcGroups,
            verdict(
                Math.min(parquetUnits, parquetPages) <= 0.05
                    && Math.min(orcStripes, orcGroups) <= 0.05));

    NativeRun parquet = nativeRun("parquet");
    NativeRun orc = nativeRun("orc");
    String nativeVsSpark =
        String.format(
            "Spark's vectorized full scan per core vs the library on one thread: Parquet "
                + "%.1f vs %.1f, ORC %.1f vs %.1f M rows/s (target: Spark no slower): %s",
            perCore(parquet.spark()),
            rate(parquet.nativeLibrary(), 1),
            perCore(orc.spark()),
            rate(orc.nativeLibrary(), 1),
            verdict(
                perCore(parquet.spark()) >= rate(parquet.nativeLibrary(), 1)
                    && perCore(orc.spark()) >= rate(orc.nativeLibrary(), 1)));
    return List.of(vectorized, skipping, nativeVsSpark, sizes);
  }

  /** Millions of rows per second per core of Spark. */
  double perCore(Samples timing) {
    return rate(timing, machine.cores());
  }

  private double rate(Samples timing, int cores) {
    return rows / (timing.median() / 1000) / cores / 1e6;
  }

  private static double speedUp(ReaderRun run) {
    return run.rowByRow().median() / run.vectorized().median();
  }

  /** The largest share of units (or sub-units) any codec of the format reads. */
  private double worst(String format, boolean subUnits) {
    return results.stream()
        .filter(r -> r.variant().format().equals(format) && r.skipping() != null)
        .mapToDouble(r -> subUnits ? r.skipping().subUnitShare() : r.skipping().unitShare())
        .max()
        .orElseThrow();
  }

  Result result(String name) {
    return results.stream()
        .filter(r -> r.variant().name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no result for " + name));
  }

  private ReaderRun reader(String format, Query query) {
    return readers.stream()
        .filter(r -> r.variant().format().equals(format) && r.query() == query)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no " + query + " run on " + format));
  }

  private NativeRun nativeRun(String format) {
    return natives.stream()
        .filter(r -> r.variant().format().equals(format))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no native run on " + format));
  }

  private static String verdict(boolean met) {
    return met ? "**MET**" : "**MISSED**";
  }
}
