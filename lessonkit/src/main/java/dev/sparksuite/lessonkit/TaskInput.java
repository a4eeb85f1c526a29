package dev.sparksuite.lessonkit;

import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * Bytes the tasks of a piece of work read from storage, as Spark's task input metrics count them
 * (the file system's read statistics). This is what column pruning saves: a columnar reader that
 * skips eight of ten columns never reads their bytes.
 */
public final class TaskInput {

  private TaskInput() {}

  public static long bytesRead(SparkSession spark, Runnable work) {
    SparkContext context = spark.sparkContext();
    AtomicLong bytes = new AtomicLong();
    SparkListener listener =
        new SparkListener() {
          @Override
          public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
            if (taskEnd.taskMetrics() != null) {
              bytes.addAndGet(taskEnd.taskMetrics().inputMetrics().bytesRead());
            }
          }
        };
    context.addSparkListener(listener);
    try {
      work.run();
      // Task-end events reach listeners asynchronously: wait until every one was delivered.
      context.listenerBus().waitUntilEmpty();
    } catch (TimeoutException e) {
      throw new IllegalStateException("Spark's listener bus did not drain in time", e);
    } finally {
      context.removeSparkListener(listener);
    }
    return bytes.get();
  }
}
