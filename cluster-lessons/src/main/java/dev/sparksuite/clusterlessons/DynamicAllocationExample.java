package dev.sparksuite.clusterlessons;

import dev.sparksuite.lessonkit.Errors;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * Dynamic allocation on a standalone cluster: executors are requested while tasks wait and released
 * once they sit idle, with no external shuffle service.
 *
 * <p>It teaches: standalone Spark has no external shuffle service unless a worker runs one, so an
 * executor's shuffle files die with it; shuffle tracking ({@code
 * spark.dynamicAllocation.shuffleTracking.enabled}, on by default in Spark 4.1.1) lets dynamic
 * allocation work anyway by keeping an executor while it holds shuffle files, until {@code
 * spark.dynamicAllocation.shuffleTracking.timeout} (default: until the shuffle is garbage collected
 * on the driver). The lesson runs a wide stage, idles, and runs it again, and prints the executor
 * count over time from {@code SparkListenerExecutorAdded/Removed} events.
 *
 * <p>Where decommissioning is on (the docker cluster turns it on), an idle executor is not killed
 * but decommissioned: it first hands its shuffle files to an executor that stays, and exits once a
 * migration round finds nothing left; rounds are {@code
 * spark.storage.decommission.replicationReattemptInterval} apart (default 30 s).
 *
 * <p>The allocation settings are defaults: a {@code --conf} on the command line wins, so {@code
 * --conf spark.dynamicAllocation.enabled=false} shows the same run with static allocation.
 *
 * <p>Usage:
 *
 * <pre>
 * spark-submit --class dev.sparksuite.clusterlessons.DynamicAllocationExample cluster-lessons/target/cluster-lessons.jar \
 *     [tasks (24)] [task-millis (1500)] [idle-seconds (45)]
 * </pre>
 */
public final class DynamicAllocationExample {

  /** Settings the lesson applies unless the command line sets them. */
  static final List<Tuple2<String, String>> SETTINGS =
      List.of(
          new Tuple2<>("spark.dynamicAllocation.enabled", "true"),
          new Tuple2<>("spark.dynamicAllocation.shuffleTracking.enabled", "true"),
          new Tuple2<>("spark.dynamicAllocation.minExecutors", "1"),
          new Tuple2<>("spark.dynamicAllocation.initialExecutors", "1"),
          // Ask for more executors after tasks have waited 1 s (Spark's default), doubling each
          // round.
          new Tuple2<>("spark.dynamicAllocation.schedulerBacklogTimeout", "1s"),
          // An executor with nothing to do and no shuffle files goes after 5 s (default 60 s) ...
          new Tuple2<>("spark.dynamicAllocation.executorIdleTimeout", "5s"),
          // ... and one that holds shuffle files after 10 s (default: never, until the driver drops
          // the shuffle).
          new Tuple2<>("spark.dynamicAllocation.shuffleTracking.timeout", "10s"),
          // One core per executor: the cluster's cores become executors one by one.
          new Tuple2<>("spark.executor.cores", "1"),
          new Tuple2<>("spark.executor.memory", "512m"));

  private DynamicAllocationExample() {}

  /** One executor joining or leaving, {@code millis} after the lesson started. */
  public record ExecutorEvent(
      long millis, String executorId, String host, boolean added, int executorsAfter) {}

  /** A phase of the run: executors when it started, the most during it, and when it ended. */
  public record Phase(
      String name, long startMillis, long endMillis, int atStart, int peak, int atEnd) {}

  /** The executor timeline of the whole run, with its phases. */
  public record Timeline(
      boolean dynamicAllocation,
      int minExecutors,
      List<ExecutorEvent> events,
      List<Phase> phases) {}

  static final String USAGE =
      "usage: DynamicAllocationExample [tasks] [task-millis] [idle-seconds]";

  public static void main(String[] args) {
    int tasks;
    long taskMillis;
    int idleSeconds;
    try {
      if (args.length > 3) {
        throw new IllegalArgumentException(USAGE);
      }
      tasks = args.length > 0 ? Integer.parseInt(args[0]) : 24;
      taskMillis = args.length > 1 ? Long.parseLong(args[1]) : 1500;
      idleSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 45;
      if (tasks < 1 || taskMillis < 0 || idleSeconds < 0) {
        throw new IllegalArgumentException(
            "DynamicAllocationExample: tasks must be at least 1, the times at least 0");
      }
    } catch (NumberFormatException e) {
      System.err.println(
          "DynamicAllocationExample: the arguments must be whole numbers: " + e.getMessage());
      System.exit(2);
      return;
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    System.out.printf(
        Locale.ROOT,
        "setup: %d tasks of %d ms each, an idle phase of up to %d s, the same tasks again%n",
        tasks,
        taskMillis,
        idleSeconds);
    SparkSession spark =
        SparkSession.builder()
            .appName("DynamicAllocationExample")
            .config(withDefaults(new SparkConf()))
            .getOrCreate();
    int exit = 0;
    try {
      Timeline timeline = run(spark, tasks, taskMillis, idleSeconds);
      print(timeline, System.out);
    } catch (Exception e) {
      System.err.println("DynamicAllocationExample failed: " + Errors.oneLine(e));
      exit = 1;
    } finally {
      spark.stop();
    }
    if (exit != 0) {
      System.exit(exit);
    }
  }

  /**
   * The lesson's allocation settings, each only where the configuration does not set it already.
   */
  static SparkConf withDefaults(SparkConf conf) {
    SETTINGS.forEach(setting -> conf.setIfMissing(setting._1(), setting._2()));
    return conf;
  }

  /**
   * Load, idle, load again. The idle phase ends as soon as the executor count is back at the
   * minimum, or after {@code idleSeconds}.
   */
  public static Timeline run(SparkSession spark, int tasks, long taskMillis, int idleSeconds)
      throws InterruptedException {
    ExecutorCounter counter =
        new ExecutorCounter(System.currentTimeMillis(), initialExecutors(spark));
    spark.sparkContext().addSparkListener(counter);
    SparkConf conf = spark.sparkContext().getConf();
    boolean dynamic = conf.getBoolean("spark.dynamicAllocation.enabled", false);
    int min = conf.getInt("spark.dynamicAllocation.minExecutors", 0);
    List<Phase> phases = new ArrayList<>();
    try {
      phases.add(counter.phase("load-1", () -> wideStage(spark, tasks, taskMillis)));
      phases.add(
          counter.phase(
              "idle",
              () -> {
                long deadline = System.nanoTime() + idleSeconds * 1_000_000_000L;
                while (System.nanoTime() < deadline && !(dynamic && counter.executors() <= min)) {
                  sleep(500);
                }
              }));
      phases.add(counter.phase("load-2", () -> wideStage(spark, tasks, taskMillis)));
    } finally {
      spark.sparkContext().removeSparkListener(counter);
    }
    return new Timeline(dynamic, min, counter.events(), phases);
  }

  /**
   * A wide stage: {@code tasks} map tasks that each hold a core for {@code taskMillis}, then a
   * shuffle by key. The waiting tasks are the backlog that dynamic allocation answers.
   */
  static long wideStage(SparkSession spark, int tasks, long taskMillis) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Integer> ids = IntStream.range(0, tasks).boxed().toList();
    return jsc.parallelize(ids, tasks)
        .mapToPair(
            id -> {
              Thread.sleep(taskMillis);
              return new Tuple2<>(id % 4, (long) id);
            })
        .reduceByKey(Long::sum, 4)
        .values()
        .reduce(Long::sum);
  }

  static void print(Timeline timeline, PrintStream out) {
    out.printf(
        "dynamic allocation: %s (minExecutors %d)%n",
        timeline.dynamicAllocation() ? "on" : "off", timeline.minExecutors());
    for (ExecutorEvent e : timeline.events()) {
      out.printf(
          Locale.ROOT,
          "  %6.1f s  %s executor %s on %s -> %d executors%n",
          e.millis() / 1e3,
          e.added() ? "+" : "-",
          e.executorId(),
          e.host(),
          e.executorsAfter());
    }
    for (Phase p : timeline.phases()) {
      // One line per phase, in a fixed form that scripts and tests read.
      out.printf(
          Locale.ROOT,
          "PHASE %s start=%d peak=%d end=%d seconds=%.1f%n",
          p.name(),
          p.atStart(),
          p.peak(),
          p.atEnd(),
          (p.endMillis() - p.startMillis()) / 1e3);
    }
    Phase load = timeline.phases().get(0);
    Phase idle = timeline.phases().get(1);
    out.printf(
        Locale.ROOT,
        "what this shows: with dynamic allocation %s, the application had %d executor(s) when "
            + "the backlog began, %d at its peak and %d after idling%n",
        timeline.dynamicAllocation() ? "on" : "off",
        load.atStart(),
        load.peak(),
        idle.atEnd());
  }

  /**
   * Executors already registered when the listener is added (the status tracker lists the driver
   * too).
   */
  private static int initialExecutors(SparkSession spark) {
    return Math.max(0, spark.sparkContext().statusTracker().getExecutorInfos().length - 1);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted in the idle phase", e);
    }
  }

  /**
   * Counts executors from the scheduler's events and remembers each change. It counts executor ids,
   * not events: on the docker cluster an executor that dynamic allocation decommissions is reported
   * removed twice.
   */
  static final class ExecutorCounter extends SparkListener {
    private final long origin;
    private final List<ExecutorEvent> events = new ArrayList<>();
    private final Map<String, String> live = new HashMap<>();
    private final Set<String> gone = new HashSet<>();
    private int unnamed;
    private int peak;

    ExecutorCounter(long origin, int executors) {
      this.origin = origin;
      this.unnamed = executors;
      this.peak = executors;
    }

    @Override
    public synchronized void onExecutorAdded(SparkListenerExecutorAdded added) {
      String host = added.executorInfo().executorHost();
      if (live.put(added.executorId(), host) == null) {
        peak = Math.max(peak, executors());
        events.add(
            new ExecutorEvent(added.time() - origin, added.executorId(), host, true, executors()));
      }
    }

    @Override
    public synchronized void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
      if (!gone.add(removed.executorId())) {
        return;
      }
      String host = live.remove(removed.executorId());
      if (host == null && unnamed > 0) {
        // One of the executors that were there before the listener was added.
        unnamed--;
        host = "?";
      }
      if (host != null) {
        events.add(
            new ExecutorEvent(
                removed.time() - origin, removed.executorId(), host, false, executors()));
      }
    }

    synchronized int executors() {
      return live.size() + unnamed;
    }

    synchronized List<ExecutorEvent> events() {
      return List.copyOf(events);
    }

    /** Runs the work and records the phase around it. */
    Phase phase(String name, Runnable work) {
      int atStart;
      long start = System.currentTimeMillis() - origin;
      synchronized (this) {
        atStart = executors();
        peak = atStart;
      }
      work.run();
      synchronized (this) {
        return new Phase(
            name, start, System.currentTimeMillis() - origin, atStart, peak, executors());
      }
    }
  }
}
