package dev.sparksuite.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparksuite.lessonkit.SparkWorkCounter;
import dev.sparksuite.lessonkit.SparkWorkCounter.ExecutorShare;
import dev.sparksuite.lessonkit.SparkWorkCounter.JobRun;
import dev.sparksuite.lessonkit.SparkWorkCounter.SparkWork;
import dev.sparksuite.lessonkit.SparkWorkCounter.StageRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The job's report: which executor and host processed each partition of the RDD stage; the DAG
 * (every job and stage in order with its tasks, duration and shuffle bytes); and for every stage
 * its tasks by locality and its tasks and records per host, with a verdict on how evenly the record
 * stages spread.
 *
 * <p>It is rendered twice: as tables with ASCII bars for people, printed, and as a JSON document
 * for scripts and the cluster tests, which the job writes to a file ({@code --report}). Numbers are
 * formatted in one fixed locale, so the report reads the same on every machine.
 */
public record SpreadReport(
    String applicationId,
    long records,
    List<PartitionRow> partitions,
    List<HostTotal> hosts,
    SparkWork work,
    Map<String, String> hostOfExecutor) {

  private static final int BAR_WIDTH = 40;
  private static final Locale NUMBERS = Locale.ROOT;

  /** One partition: where it ran and how many records it held. */
  public record PartitionRow(int partition, String executor, String host, long records) {}

  /**
   * One host: its partitions and records in the RDD stage, and the tasks Spark ran there over the
   * whole job.
   */
  public record HostTotal(String host, int partitions, long records, int tasks) {}

  /** One host's part of one stage. */
  public record HostShare(int tasks, long records) {}

  public static SpreadReport of(
      String applicationId, long records, List<PartitionSummary> summaries, SparkWork work) {
    List<PartitionRow> rows = new ArrayList<>();
    Map<String, long[]> perHost = new TreeMap<>();
    for (PartitionSummary s : summaries) {
      rows.add(new PartitionRow(s.partition(), s.executorId(), s.host(), s.records()));
      long[] totals = perHost.computeIfAbsent(s.host(), h -> new long[2]);
      totals[0]++;
      totals[1] += s.records();
    }
    // Hosts are named as the executors name themselves; the scheduler may name the same machine
    // differently (local mode: "localhost" vs the driver address), so tasks are matched by
    // executor.
    Map<String, String> hostOfExecutor = new TreeMap<>(work.executorHosts());
    summaries.forEach(s -> hostOfExecutor.put(s.executorId(), s.host()));
    Map<String, Integer> tasksPerHost = new TreeMap<>();
    work.tasksPerExecutor()
        .forEach(
            (executor, tasks) ->
                tasksPerHost.merge(hostOfExecutor.get(executor), tasks, Integer::sum));
    List<HostTotal> hosts = new ArrayList<>();
    tasksPerHost.keySet().forEach(host -> perHost.computeIfAbsent(host, h -> new long[2]));
    perHost.forEach(
        (host, t) ->
            hosts.add(new HostTotal(host, (int) t[0], t[1], tasksPerHost.getOrDefault(host, 0))));
    return new SpreadReport(applicationId, records, rows, hosts, work, hostOfExecutor);
  }

  /** Tasks and records per host in one stage, hosts in name order. */
  public Map<String, HostShare> hostsOf(StageRun stage) {
    Map<String, long[]> perHost = new TreeMap<>();
    for (Map.Entry<String, ExecutorShare> e : stage.executors().entrySet()) {
      long[] t =
          perHost.computeIfAbsent(
              hostOfExecutor.getOrDefault(e.getKey(), e.getKey()), h -> new long[2]);
      t[0] += e.getValue().tasks();
      t[1] += e.getValue().records();
    }
    Map<String, HostShare> shares = new TreeMap<>();
    perHost.forEach((host, t) -> shares.put(host, new HostShare((int) t[0], t[1])));
    return shares;
  }

  /**
   * One line on how evenly the stages over the records (one task per partition) spread over the
   * hosts. A stage hands its first wave of tasks to the free cores; every further task goes to
   * whichever executor frees a core first, so equal counts per host are likely, not promised.
   */
  public String evenness() {
    List<StageRun> recordStages =
        work.stageRuns().stream()
            .filter(s -> s.completed() && s.partitions() == partitions.size())
            .toList();
    if (recordStages.isEmpty()) {
      return "no stage over the records completed";
    }
    List<String> spreads = new ArrayList<>();
    boolean even = true;
    int hostCount = 0;
    for (StageRun stage : recordStages) {
      Map<String, HostShare> shares = hostsOf(stage);
      hostCount = Math.max(hostCount, shares.size());
      List<Integer> tasks = shares.values().stream().map(HostShare::tasks).toList();
      int spreadWidth =
          tasks.stream().mapToInt(Integer::intValue).max().orElse(0)
              - tasks.stream().mapToInt(Integer::intValue).min().orElse(0);
      even &= spreadWidth <= 0;
      spreads.add(
          "stage "
              + stage.stage()
              + " "
              + tasks.stream().map(String::valueOf).collect(Collectors.joining("/")));
    }
    String counts = String.join(", ", spreads);
    int p = partitions.size();
    if (hostCount == 1) {
      return String.format(
          NUMBERS,
          "one host ran all %d tasks of each record stage (%s): a single"
              + " executor, as in local mode",
          p,
          counts);
    }
    if (even) {
      return String.format(
          NUMBERS,
          "even: the %d tasks of each record stage split equally over %d"
              + " hosts (tasks per host: %s)",
          p,
          hostCount,
          counts);
    }
    return String.format(
        NUMBERS,
        "uneven: tasks per host %s over %d hosts; after the first wave each"
            + " task goes to whichever executor frees a core first, so faster executors take more",
        counts,
        hostCount);
  }

  public String table() {
    StringBuilder out = new StringBuilder();
    line(
        out,
        "Partition spread (RDD stage): %,d records in %d partitions",
        records,
        partitions.size());
    line(out, "  %9s  %-10s  %-22s  %12s", "partition", "executor", "host", "records");
    for (PartitionRow p : partitions) {
      line(out, "  %9d  %-10s  %-22s  %,12d", p.partition(), p.executor(), p.host(), p.records());
    }
    long largest = hosts.stream().mapToLong(HostTotal::records).max().orElse(1);
    line(out, "Records per host (RDD stage):");
    for (HostTotal h : hosts) {
      line(
          out,
          "  %-22s %,12d  %-" + BAR_WIDTH + "s  %d partitions, %d tasks in the whole job",
          h.host(),
          h.records(),
          bar(h.records(), largest),
          h.partitions(),
          h.tasks());
    }
    long skipped = work.stageRuns().stream().filter(s -> !s.completed()).count();
    line(
        out,
        "Spark work: %d jobs, %d stages (%d skipped: their shuffle output was reused), %d tasks "
            + "(not counting the two one-task jobs that bracket the count)",
        work.jobs(),
        work.stages(),
        skipped,
        work.tasks());
    line(out, "DAG (jobs in order, each with its stages):");
    for (JobRun job : work.jobRuns()) {
      line(
          out,
          "  job %d%s",
          job.job(),
          job.description().isEmpty() ? "" : "  " + job.description());
      for (int id : job.stageIds()) {
        StageRun s = work.stage(id);
        if (!s.completed()) {
          line(
              out, "    stage %-3d skipped (its shuffle files were written by an earlier job)", id);
          continue;
        }
        line(
            out,
            "    stage %-3d %-44s %4d tasks %7d ms  shuffle read %10s  write %10s",
            id,
            s.name(),
            s.tasks(),
            s.durationMs(),
            bytes(s.shuffleReadBytes()),
            bytes(s.shuffleWriteBytes()));
      }
    }
    line(out, "Per stage: task locality, then tasks and records per host:");
    line(
        out,
        "  %-8s %6s  %s",
        "stage",
        "tasks",
        SparkWorkCounter.LOCALITY_LEVELS.stream()
            .map(l -> String.format(NUMBERS, "%13s", l))
            .collect(Collectors.joining(" ")));
    for (StageRun s : work.stageRuns()) {
      if (!s.completed()) {
        continue;
      }
      line(
          out,
          "  %-8s %6d  %s",
          "stage " + s.stage(),
          s.tasks(),
          SparkWorkCounter.LOCALITY_LEVELS.stream()
              .map(l -> String.format(NUMBERS, "%13d", s.locality().get(l)))
              .collect(Collectors.joining(" ")));
      Map<String, HostShare> shares = hostsOf(s);
      long most = shares.values().stream().mapToLong(HostShare::tasks).max().orElse(1);
      shares.forEach(
          (host, share) ->
              line(
                  out,
                  "      %-22s %4d tasks %,12d records  %s",
                  host,
                  share.tasks(),
                  share.records(),
                  bar(share.tasks(), most)));
    }
    line(out, "Evenness: %s", evenness());
    return out.toString();
  }

  /** The report's facts as one JSON document: not the results nor the plans' operators. */
  public String json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("applicationId", applicationId);
    json.put("records", records);
    json.put("partitions", partitions);
    json.put("hosts", hosts);
    json.put("jobs", work.jobs());
    json.put("stages", work.stages());
    json.put("tasks", work.tasks());
    json.put("tasksPerExecutor", work.tasksPerExecutor());
    json.put("dag", work.jobRuns());
    List<Map<String, Object>> stages = new ArrayList<>();
    for (StageRun s : work.stageRuns()) {
      Map<String, Object> stage = new LinkedHashMap<>();
      stage.put("stage", s.stage());
      stage.put("name", s.name());
      stage.put("completed", s.completed());
      stage.put("partitions", s.partitions());
      stage.put("tasks", s.tasks());
      stage.put("durationMs", s.durationMs());
      stage.put("records", s.records());
      stage.put("shuffleReadBytes", s.shuffleReadBytes());
      stage.put("shuffleWriteBytes", s.shuffleWriteBytes());
      stage.put("shuffleWriteRecords", s.shuffleWriteRecords());
      stage.put("locality", s.locality());
      stage.put("hosts", hostsOf(s));
      stages.add(stage);
    }
    json.put("stageRuns", stages);
    json.put("evenness", evenness());
    try {
      return new ObjectMapper().writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the spread report as JSON", e);
    }
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(NUMBERS, format, args)).append(System.lineSeparator());
  }

  private static String bar(long value, long largest) {
    int width = (int) Math.round((double) BAR_WIDTH * value / Math.max(1, largest));
    return "#".repeat(Math.max(width, value > 0 ? 1 : 0));
  }

  static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    return String.format(NUMBERS, "%.1f KiB", bytes / 1024.0);
  }
}
