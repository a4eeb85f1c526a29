package dev.sparksuite.clusterlessons;

import dev.sparksuite.lessonkit.SparkWorkCounter;
import dev.sparksuite.lessonkit.SparkWorkCounter.SparkWork;
import org.apache.spark.sql.SparkSession;

/**
 * A piece of work and what it cost in Spark's own numbers: every job, stage and task the scheduler
 * reported while it ran (from {@link SparkWorkCounter}), and its wall time.
 */
record Measured(SparkWork work, long wallMillis) {

  /** How long to wait for the listener events of the measured work. */
  private static final long EVENT_TIMEOUT_SECONDS = 60;

  static Measured run(SparkSession spark, Runnable work) {
    SparkWorkCounter counter = SparkWorkCounter.register(spark.sparkContext());
    try {
      long start = System.nanoTime();
      work.run();
      long wallMillis = (System.nanoTime() - start) / 1_000_000;
      return new Measured(
          counter.awaitAll(spark.sparkContext(), EVENT_TIMEOUT_SECONDS), wallMillis);
    } finally {
      spark.sparkContext().removeSparkListener(counter);
    }
  }

  /** The last stage that ran: the one that produced the action's result. */
  StageCost lastStage() {
    var stages = work.stageRuns().stream().filter(s -> s.completed()).toList();
    return StageCost.of(stages.get(stages.size() - 1));
  }

  /** Bytes and records every stage of the work wrote to the shuffle. */
  long shuffleWriteBytes() {
    return work.stageRuns().stream().mapToLong(s -> s.shuffleWriteBytes()).sum();
  }

  long shuffleWriteRecords() {
    return work.stageRuns().stream().mapToLong(s -> s.shuffleWriteRecords()).sum();
  }
}
