package dev.sparksuite.clusterlessons;

import dev.sparksuite.lessonkit.SparkWorkCounter;
import dev.sparksuite.lessonkit.SparkWorkCounter.SparkWork;
import dev.sparksuite.lessonkit.SparkWorkCounter.StageRun;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * A piece of work, what it returned, and what it cost in Spark's own numbers: every job, stage and
 * task the scheduler reported while it ran (from {@link SparkWorkCounter}).
 */
record Measured<T>(T value, SparkWork work) {

  /** How long to wait for the listener events of the measured work. */
  private static final long EVENT_TIMEOUT_SECONDS = 60;

  static <T> Measured<T> call(SparkSession spark, Supplier<T> work) {
    SparkWorkCounter counter = SparkWorkCounter.register(spark.sparkContext());
    try {
      T value = work.get();
      return new Measured<>(value, counter.awaitAll(spark.sparkContext(), EVENT_TIMEOUT_SECONDS));
    } finally {
      spark.sparkContext().removeSparkListener(counter);
    }
  }

  static Measured<Void> run(SparkSession spark, Runnable work) {
    return call(
        spark,
        () -> {
          work.run();
          return null;
        });
  }

  /** The last stage that ran: the one that produced the action's result. */
  StageCost lastStage() {
    List<StageRun> stages = work.stageRuns().stream().filter(StageRun::completed).toList();
    return StageCost.of(stages.get(stages.size() - 1));
  }

  /** Bytes and records every stage of the work wrote to the shuffle. */
  long shuffleWriteBytes() {
    return work.stageRuns().stream().mapToLong(StageRun::shuffleWriteBytes).sum();
  }

  long shuffleWriteRecords() {
    return work.stageRuns().stream().mapToLong(StageRun::shuffleWriteRecords).sum();
  }
}
