package dev.sparksuite.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Times a piece of work the way Spark's own {@code org.apache.spark.benchmark.Benchmark} does, with
 * its defaults: a garbage collection first, then the work repeated for 2 s of warm-up, then
 * measured iterations until there are at least 2 and they took at least 2 s together. Spark reports
 * the best iteration (and from it rows/s and ns per row), the average and the standard deviation.
 */
final class SparkMethod {

  static final long WARM_UP_NANOS = 2_000_000_000L;
  static final int MIN_ITERATIONS = 2;
  static final long MIN_MEASURED_NANOS = 2_000_000_000L;

  /** Milliseconds: the best iteration, the average, the standard deviation, and how many ran. */
  record Result(double bestMs, double avgMs, double stdevMs, int iterations) {

    /** Millions of values per second, from the best iteration, as Spark's Rate(M/s). */
    double rate(long values) {
      return values / (bestMs / 1000) / 1e6;
    }

    /** Nanoseconds per value, from the best iteration, as Spark's Per Row(ns). */
    double nanosPerRow(long values) {
      return bestMs * 1e6 / values;
    }
  }

  private SparkMethod() {}

  static Result measure(Supplier<?> work) {
    System.gc(); // as Spark does: garbage of the previous case is not charged to this one
    long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
    while (System.nanoTime() < warmUpEnd) {
      work.get();
    }
    List<Long> times = new ArrayList<>();
    long total = 0;
    while (times.size() < MIN_ITERATIONS || total < MIN_MEASURED_NANOS) {
      long start = System.nanoTime();
      work.get();
      long elapsed = System.nanoTime() - start;
      times.add(elapsed);
      total += elapsed;
    }
    return of(times);
  }

  /** Spark's statistics over measured times in nanoseconds (the standard deviation over n − 1). */
  static Result of(List<Long> nanos) {
    double best = nanos.stream().mapToLong(Long::longValue).min().orElseThrow();
    double avg = nanos.stream().mapToLong(Long::longValue).average().orElseThrow();
    double stdev = 0;
    if (nanos.size() > 1) {
      double squares = nanos.stream().mapToDouble(t -> (t - avg) * (t - avg)).sum();
      stdev = Math.sqrt(squares / (nanos.size() - 1));
    }
    return new Result(best / 1e6, avg / 1e6, stdev / 1e6, nanos.size());
  }
}
