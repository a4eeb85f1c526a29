package dev.sparksuite.lessonkit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;

/**
 * Records the Spark work a piece of code really did, from the scheduler's events: every job with
 * its stages in order, and for every stage its tasks by locality and by executor, the records they
 * read and the bytes they shuffled, and each task's time and records. A stage Spark skipped (its
 * shuffle output was reused) is kept as skipped and not counted; a retried task counts once per
 * success.
 *
 * <p>Listener events arrive asynchronously, after the action that caused them has returned, and in
 * order. So the counter brackets what it counts with two one-task marker jobs of its own, which it
 * leaves out of the counts: {@link #register} runs one, and events of earlier actions that were
 * still queued arrive before its start and are ignored; {@link #awaitAll} runs the other, and once
 * its end arrives, every event of the counted actions has been delivered.
 */
public final class SparkWorkCounter extends SparkListener {

  /**
   * The task locality levels Spark reports, best first; every successful task has exactly one. A
   * task whose partition prefers no host (a partition of {@code range}) is reported as
   * PROCESS_LOCAL: the scheduler counts it local wherever it runs, so NO_PREF never appears here.
   */
  public static final List<String> LOCALITY_LEVELS =
      List.of("PROCESS_LOCAL", "NODE_LOCAL", "RACK_LOCAL", "ANY");

  private static final String MARKER_GROUP = "spark-work-counter-marker";
  private static final String START_MARKER_GROUP = "spark-work-counter-start";
  // The job property under which setJobGroup stores the group id.
  private static final String JOB_GROUP_PROPERTY = "spark.jobGroup.id";
  // The job property under which setJobDescription stores the description.
  private static final String JOB_DESCRIPTION_PROPERTY = "spark.job.description";

  private final Set<Integer> markerStages = new HashSet<>();
  private final CountDownLatch markerEnded = new CountDownLatch(1);
  private int markerJob = -1;
  private boolean started;
  private final List<JobRun> jobs = new ArrayList<>();
  private final Map<String, String> executorHosts = new TreeMap<>();

  /**
   * One job, as the scheduler planned it: its stage ids in order (skipped ones included), and the
   * description the job set for its actions ({@code SparkContext.setJobDescription}), if any.
   */
  public record JobRun(int job, String description, List<Integer> stageIds) {}

  /** What one executor did in one stage: successful tasks and the records they read. */
  public record ExecutorShare(int tasks, long records) {}

  /**
   * One stage. {@code completed} is false for a stage the scheduler skipped because its shuffle
   * output already existed. {@code records} are what the tasks read: rows from the source (Spark's
   * {@code range} counts its rows as input) plus shuffle records fetched. {@code taskMillis} and
   * {@code taskRecords} hold each successful task's run time and records read, in the order the
   * tasks ended.
   */
  public record StageRun(
      int stage,
      String name,
      int partitions,
      boolean completed,
      long durationMs,
      long shuffleReadBytes,
      long shuffleWriteBytes,
      long shuffleWriteRecords,
      long records,
      Map<String, Integer> locality,
      Map<String, ExecutorShare> executors,
      List<Long> taskMillis,
      List<Long> taskRecords) {

    /** Successful tasks of the stage (a retried task counts once). */
    public int tasks() {
      return locality.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Hosts that ran tasks of the stage, from the executors' hosts. */
    public Map<String, Integer> tasksPerHost(Map<String, String> executorHosts) {
      Map<String, Integer> perHost = new TreeMap<>();
      executors.forEach(
          (e, share) ->
              perHost.merge(executorHosts.getOrDefault(e, e), share.tasks(), Integer::sum));
      return perHost;
    }
  }

  /** Everything counted, in the order Spark ran it. */
  public record SparkWork(
      List<JobRun> jobRuns, List<StageRun> stageRuns, Map<String, String> executorHosts) {

    public int jobs() {
      return jobRuns.size();
    }

    /** Stages that ran; skipped stages are listed in the DAG but cost nothing. */
    public int stages() {
      return (int) stageRuns.stream().filter(StageRun::completed).count();
    }

    public int tasks() {
      return stageRuns.stream().mapToInt(StageRun::tasks).sum();
    }

    public Map<String, Integer> tasksPerExecutor() {
      Map<String, Integer> perExecutor = new TreeMap<>();
      stageRuns.forEach(
          s ->
              s.executors()
                  .forEach((e, share) -> perExecutor.merge(e, share.tasks(), Integer::sum)));
      return perExecutor;
    }

    public StageRun stage(int id) {
      return stageRuns.stream().filter(s -> s.stage() == id).findFirst().orElseThrow();
    }

    /** The stages of a job that ran, in order. */
    public List<StageRun> completedStagesOf(JobRun job) {
      return job.stageIds().stream().map(this::stage).filter(StageRun::completed).toList();
    }

    /**
     * The jobs with a stage that ran under a name starting with {@code prefix}: Spark names a stage
     * after its call site ({@code treeAggregate at RDDLossFunction.scala:…}).
     */
    public List<JobRun> jobsWithStageNamed(String prefix) {
      return jobRuns.stream()
          .filter(job -> completedStagesOf(job).stream().anyMatch(s -> s.name().startsWith(prefix)))
          .toList();
    }
  }

  /** Mutable twin of {@link StageRun} while events arrive. */
  private static final class StageTally {
    final int stage;
    String name;
    int partitions;
    boolean completed;
    long durationMs;
    long shuffleReadBytes;
    long shuffleWriteBytes;
    long shuffleWriteRecords;
    long records;
    final Map<String, Integer> locality = new LinkedHashMap<>();
    final Map<String, long[]> executors = new TreeMap<>();
    final List<Long> taskMillis = new ArrayList<>();
    final List<Long> taskRecords = new ArrayList<>();

    StageTally(StageInfo info) {
      stage = info.stageId();
      name = info.name();
      partitions = info.numTasks();
      LOCALITY_LEVELS.forEach(level -> locality.put(level, 0));
    }

    StageRun freeze() {
      Map<String, ExecutorShare> shares = new TreeMap<>();
      executors.forEach((e, t) -> shares.put(e, new ExecutorShare((int) t[0], t[1])));
      return new StageRun(
          stage,
          name,
          partitions,
          completed,
          durationMs,
          shuffleReadBytes,
          shuffleWriteBytes,
          shuffleWriteRecords,
          records,
          new LinkedHashMap<>(locality),
          shares,
          List.copyOf(taskMillis),
          List.copyOf(taskRecords));
    }
  }

  private final Map<Integer, StageTally> tallies = new LinkedHashMap<>();

  /** Adds a counter to the context; it counts the jobs started after this call returns. */
  public static SparkWorkCounter register(SparkContext context) {
    SparkWorkCounter counter = new SparkWorkCounter();
    context.addSparkListener(counter);
    runMarker(context, START_MARKER_GROUP, "start counting");
    return counter;
  }

  private static void runMarker(SparkContext context, String group, String description) {
    JavaSparkContext java = JavaSparkContext.fromSparkContext(context);
    java.setJobGroup(group, description, false);
    try {
      java.parallelize(List.of(1), 1).count();
    } finally {
      java.clearJobGroup();
    }
  }

  @Override
  public synchronized void onJobStart(SparkListenerJobStart jobStart) {
    Properties properties =
        jobStart.properties() == null ? new Properties() : jobStart.properties();
    String group = properties.getProperty(JOB_GROUP_PROPERTY);
    List<StageInfo> infos = scala.jdk.javaapi.CollectionConverters.asJava(jobStart.stageInfos());
    if (START_MARKER_GROUP.equals(group)) {
      started = true;
      return;
    }
    if (!started) {
      return; // a job of an action before register, whose events were still queued
    }
    if (MARKER_GROUP.equals(group)) {
      markerJob = jobStart.jobId();
      infos.forEach(info -> markerStages.add(info.stageId()));
      return;
    }
    List<Integer> ids = new ArrayList<>();
    infos.stream()
        .sorted((a, b) -> Integer.compare(a.stageId(), b.stageId()))
        .forEach(
            info -> {
              ids.add(info.stageId());
              tallies.computeIfAbsent(info.stageId(), id -> new StageTally(info));
            });
    jobs.add(
        new JobRun(jobStart.jobId(), properties.getProperty(JOB_DESCRIPTION_PROPERTY, ""), ids));
  }

  @Override
  public synchronized void onJobEnd(SparkListenerJobEnd jobEnd) {
    if (jobEnd.jobId() == markerJob) {
      markerEnded.countDown();
    }
  }

  @Override
  public synchronized void onStageCompleted(SparkListenerStageCompleted stageCompleted) {
    StageInfo info = stageCompleted.stageInfo();
    StageTally tally = tallies.get(info.stageId());
    if (tally == null || info.failureReason().isDefined()) {
      return;
    }
    tally.completed = true;
    tally.name = info.name();
    if (info.submissionTime().isDefined() && info.completionTime().isDefined()) {
      tally.durationMs += (Long) info.completionTime().get() - (Long) info.submissionTime().get();
    }
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    StageTally tally = tallies.get(taskEnd.stageId());
    if (tally == null || !taskEnd.taskInfo().successful()) {
      return;
    }
    String executor = taskEnd.taskInfo().executorId();
    executorHosts.put(executor, taskEnd.taskInfo().host());
    // TaskLocality is a Scala Enumeration; a value's toString is the level's name.
    tally.locality.merge(taskEnd.taskInfo().taskLocality().toString(), 1, Integer::sum);
    long records = 0;
    TaskMetrics metrics = taskEnd.taskMetrics();
    if (metrics != null) {
      records = metrics.inputMetrics().recordsRead() + metrics.shuffleReadMetrics().recordsRead();
      tally.shuffleReadBytes += metrics.shuffleReadMetrics().totalBytesRead();
      tally.shuffleWriteBytes += metrics.shuffleWriteMetrics().bytesWritten();
      tally.shuffleWriteRecords += metrics.shuffleWriteMetrics().recordsWritten();
    }
    tally.records += records;
    tally.taskMillis.add(taskEnd.taskInfo().duration());
    tally.taskRecords.add(records);
    long[] share = tally.executors.computeIfAbsent(executor, e -> new long[2]);
    share[0]++;
    share[1] += records;
  }

  /**
   * Runs the marker job, waits for its end event, and returns the work up to that point. Call it
   * once, after the last action to be counted.
   */
  public SparkWork awaitAll(SparkContext context, long timeoutSeconds) {
    runMarker(context, MARKER_GROUP, "flush listener events");
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
      List<StageRun> runs = new ArrayList<>();
      tallies.values().forEach(t -> runs.add(t.freeze()));
      return new SparkWork(List.copyOf(jobs), runs, new TreeMap<>(executorHosts));
    }
  }
}
