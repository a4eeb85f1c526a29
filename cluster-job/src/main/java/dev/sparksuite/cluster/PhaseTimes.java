package dev.sparksuite.cluster;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How long each phase of one run took, in the order the phases ran: the stages, and what the job
 * does around them to count Spark's work, report it and know the expected answer. The progress
 * lines print the stages' times; a benchmark reads all of them to account for the whole run.
 */
public final class PhaseTimes {

  private final Map<String, Long> nanos = new LinkedHashMap<>();

  <T> T time(String phase, Supplier<T> work) {
    long start = System.nanoTime();
    try {
      return work.get();
    } finally {
      add(phase, System.nanoTime() - start);
    }
  }

  void add(String phase, long elapsedNanos) {
    nanos.merge(phase, elapsedNanos, Long::sum);
  }

  /** Milliseconds per phase, in the order the phases ran. */
  public Map<String, Double> millis() {
    Map<String, Double> ms = new LinkedHashMap<>();
    nanos.forEach((phase, ns) -> ms.put(phase, ns / 1e6));
    return Collections.unmodifiableMap(ms);
  }
}
