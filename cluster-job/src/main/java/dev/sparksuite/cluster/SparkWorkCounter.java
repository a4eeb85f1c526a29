package dev.sparksuite.cluster;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Counts the Spark work the job really did: jobs, completed stages, and successful tasks per
 * executor. The numbers come from Spark's scheduler events, not from what the code expects: a
 * stage Spark skipped (its shuffle output was reused) is not counted, a retried task is.
 *
 * <p>Listener events arrive asynchronously, after the action that caused them has returned. To
 * read complete counts, {@link #awaitAll} runs a one-task marker job: the event queue is ordered,
 * so once the marker's end arrives, every earlier event has been delivered.
 */
public final class SparkWorkCounter extends SparkListener {

  private static final String MARKER_GROUP = "spark-work-counter-marker";
  // The job property under which setJobGroup stores the group id.
  private static final String JOB_GROUP_PROPERTY = "spark.jobGroup.id";

  private final Set<Integer> markerStages = new HashSet<>();
  private final CountDownLatch markerEnded = new CountDownLatch(1);
  private int markerJob = -1;
  private int jobs;
  private int stages;
  private int tasks;
  private final Map<String, Integer> tasksPerExecutor = new TreeMap<>();
  private final Map<String, String> executorHosts = new TreeMap<>();

  /** The work counted: jobs, completed stages, successful tasks, and tasks per executor. */
  public record SparkWork(
      int jobs, int stages, int tasks, Map<String, Integer> tasksPerExecutor,
      Map<String, String> executorHosts) {}

  public static SparkWorkCounter register(SparkContext context) {
    SparkWorkCounter counter = new SparkWorkCounter();
    context.addSparkListener(counter);
    return counter;
  }

  @Override
  public synchronized void onJobStart(SparkListenerJobStart jobStart) {
    String group = jobStart.properties() == null
        ? null
        : jobStart.properties().getProperty(JOB_GROUP_PROPERTY);
    if (MARKER_GROUP.equals(group)) {
      markerJob = jobStart.jobId();
      scala.jdk.javaapi.CollectionConverters.asJava(jobStart.stageIds())
          .forEach(id -> markerStages.add((Integer) id));
      return;
    }
    jobs++;
  }

  @Override
  public synchronized void onJobEnd(SparkListenerJobEnd jobEnd) {
    if (jobEnd.jobId() == markerJob) {
      markerEnded.countDown();
    }
  }

  @Override
  public synchronized void onStageCompleted(SparkListenerStageCompleted stageCompleted) {
    boolean succeeded = stageCompleted.stageInfo().failureReason().isEmpty();
    if (succeeded && !markerStages.contains(stageCompleted.stageInfo().stageId())) {
      stages++;
    }
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    if (markerStages.contains(taskEnd.stageId()) || !taskEnd.taskInfo().successful()) {
      return;
    }
    tasks++;
    String executor = taskEnd.taskInfo().executorId();
    tasksPerExecutor.merge(executor, 1, Integer::sum);
    executorHosts.put(executor, taskEnd.taskInfo().host());
  }

  /**
   * Runs the marker job, waits for its end event, and returns the counts up to that point. Call it
   * once, after the last action to be counted.
   */
  public SparkWork awaitAll(SparkContext context, long timeoutSeconds) {
    JavaSparkContext java = JavaSparkContext.fromSparkContext(context);
    java.setJobGroup(MARKER_GROUP, "flush listener events", false);
    try {
      java.parallelize(List.of(1), 1).count();
    } finally {
      java.clearJobGroup();
    }
    try {
      if (!markerEnded.await(timeoutSeconds, TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            "Spark's listener events did not arrive within " + timeoutSeconds + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Spark's listener events", e);
    }
    synchronized (this) {
      return new SparkWork(
          jobs, stages, tasks, new TreeMap<>(tasksPerExecutor), new TreeMap<>(executorHosts));
    }
  }
}
