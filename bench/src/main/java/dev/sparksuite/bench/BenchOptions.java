package dev.sparksuite.bench;

import java.nio.file.Path;

/** The format benchmark's command line: rows, measured runs and the output directory. */
record BenchOptions(long rows, int runs, Path output) {

  static final String USAGE =
      "usage: FormatBenchmark --output DIR [--rows N] [--runs R]"
          + "   (N >= 100 rows, default 1,000,000; R >= 1 runs, default 3)";

  /** The 1% filter selects rows / 100 rows: at least one. */
  static final long MIN_ROWS = 100;

  static BenchOptions parse(String[] args) {
    long rows = 1_000_000;
    int runs = 3;
    Path output = null;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (!flag.equals("--rows") && !flag.equals("--runs") && !flag.equals("--output")) {
        throw new IllegalArgumentException("unknown argument '" + flag + "'");
      }
      if (i + 1 == args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = args[++i];
      switch (flag) {
        case "--rows" -> rows = number(flag, value, MIN_ROWS);
        case "--runs" -> runs = (int) number(flag, value, 1);
        default -> output = Path.of(value);
      }
    }
    if (output == null) {
      throw new IllegalArgumentException(
          "--output DIR is required: the directory the results are written to");
    }
    return new BenchOptions(rows, runs, output);
  }

  /** How the result files are named: 1m, 10m, 200k; the exact count where it is not round. */
  String label() {
    if (rows % 1_000_000 == 0) {
      return rows / 1_000_000 + "m";
    }
    if (rows % 1_000 == 0) {
      return rows / 1_000 + "k";
    }
    return Long.toString(rows);
  }

  private static long number(String flag, String value, long min) {
    long parsed;
    try {
      parsed = Long.parseLong(value.replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs a whole number, not '" + value + "'");
    }
    if (parsed < min || (flag.equals("--runs") && parsed > Integer.MAX_VALUE)) {
      throw new IllegalArgumentException(
          String.format("%s must be at least %,d, not %s", flag, min, value));
    }
    return parsed;
  }
}
