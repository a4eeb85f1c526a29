package dev.sparksuite.bench;

import java.util.Arrays;
import java.util.function.Supplier;

/** Times a piece of work: one warm-up run, then {@code runs} measured ones; median and spread. */
final class Stopwatch {

  /** Milliseconds: median of the runs, and the fastest and slowest run. */
  record Timing(double medianMs, double minMs, double maxMs) {
    String cell() {
      return String.format("%.0f (%.0f–%.0f)", medianMs, minMs, maxMs);
    }
  }

  private Stopwatch() {}

  static Timing time(int runs, Supplier<?> work) {
    work.get(); // warm-up: class loading, JIT, Spark's code generation, the OS page cache
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      work.get();
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    return new Timing(ms[runs / 2], ms[0], ms[runs - 1]);
  }
}
