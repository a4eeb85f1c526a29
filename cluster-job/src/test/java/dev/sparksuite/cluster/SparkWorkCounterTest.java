package dev.sparksuite.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.lessonkit.SparkWorkCounter;
import dev.sparksuite.testkit.SparkTestBase;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.Test;

class SparkWorkCounterTest extends SparkTestBase {

  @Test
  void anEarlierActionWhoseEventsAreStillQueuedIsNotCounted() throws Exception {
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    // Listeners added with addSparkListener share one queue: while this one holds the first job's
    // start, every later event waits behind it, as events of a finished action can on a busy queue.
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean holdingOne = new AtomicBoolean();
    SparkListener holding =
        new SparkListener() {
          @Override
          public void onJobStart(SparkListenerJobStart jobStart) {
            if (holdingOne.compareAndSet(false, true)) {
              try {
                release.await(1, TimeUnit.MINUTES);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          }
        };
    spark.sparkContext().addSparkListener(holding);
    SparkWorkCounter counter;
    try {
      context.parallelize(List.of(1), 1).count(); // its start is held
      context.parallelize(List.of(1, 2), 2).count(); // an earlier action, its events queued
      counter = SparkWorkCounter.register(spark.sparkContext());
    } finally {
      release.countDown();
    }
    context.parallelize(List.of(1, 2, 3), 3).count(); // the one action to count

    var work = counter.awaitAll(spark.sparkContext(), 60);
    spark.sparkContext().removeSparkListener(holding);

    assertThat(work.jobs()).as("only the action after register, no marker").isEqualTo(1);
    assertThat(work.tasks()).isEqualTo(3);
  }
}
