package dev.sparksuite.bench;

import java.util.function.Supplier;

/** Times a piece of work: one warm-up run, then {@code runs} measured ones, each kept. */
final class Stopwatch {

  private Stopwatch() {}

  static Samples time(int runs, Supplier<?> work) {
    work.get(); // warm-up: class loading, JIT, Spark's code generation, the OS page cache
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      work.get();
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    return new Samples(ms);
  }
}
