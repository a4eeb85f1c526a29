package dev.sparksuite.bench;

import java.nio.file.Path;

/** The cluster-job benchmark's command line: measured runs and the file the results go to. */
record ClusterJobBenchOptions(int runs, Path output) {

  static final String USAGE =
      "usage: ClusterJobBenchmark --output FILE [--runs R]   (R >= 1, default 7; fewer than "
          + ClusterJobReport.MIN_RUNS_FOR_VERDICT
          + " give no verdict)";

  static ClusterJobBenchOptions parse(String[] args) {
    int runs = 7;
    Path output = null;
    for (int i = 0; i < args.length; i += 2) {
      String flag = args[i];
      if (!flag.equals("--runs") && !flag.equals("--output")) {
        throw new IllegalArgumentException("unknown argument '" + flag + "' (" + USAGE + ")");
      }
      if (i + 1 == args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = args[i + 1];
      if (flag.equals("--output")) {
        output = Path.of(value);
      } else {
        runs = runs(value);
      }
    }
    if (output == null) {
      throw new IllegalArgumentException("--output FILE is required (" + USAGE + ")");
    }
    return new ClusterJobBenchOptions(runs, output);
  }

  private static int runs(String value) {
    int runs;
    try {
      runs = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--runs needs a whole number, not '" + value + "'");
    }
    if (runs < 1) {
      throw new IllegalArgumentException("--runs must be at least 1, not " + value);
    }
    return runs;
  }
}
