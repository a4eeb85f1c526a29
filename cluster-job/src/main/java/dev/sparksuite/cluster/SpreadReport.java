package dev.sparksuite.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparksuite.cluster.SparkWorkCounter.SparkWork;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The partition-spread report: which executor and host processed each partition, how many records
 * each host handled, and how much Spark work (jobs, stages, tasks) the job took.
 *
 * <p>It is printed twice: as a table with an ASCII bar chart for people, and as one JSON line
 * (prefixed {@value #JSON_PREFIX}) for scripts and the cluster test.
 */
public record SpreadReport(
    String applicationId, long records, List<PartitionRow> partitions, List<HostTotal> hosts,
    SparkWork work) {

  public static final String JSON_PREFIX = "SPREAD_REPORT_JSON ";
  private static final int BAR_WIDTH = 40;

  /** One partition: where it ran and how many records it held. */
  public record PartitionRow(int partition, String executor, String host, long records) {}

  /** One host: its partitions and records, and the tasks Spark ran there over the whole job. */
  public record HostTotal(String host, int partitions, long records, int tasks) {}

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
    // differently (local mode: "localhost" vs the driver address), so tasks are matched by executor.
    Map<String, String> hostOfExecutor = new TreeMap<>(work.executorHosts());
    summaries.forEach(s -> hostOfExecutor.put(s.executorId(), s.host()));
    Map<String, Integer> tasksPerHost = new TreeMap<>();
    work.tasksPerExecutor()
        .forEach((executor, tasks) ->
            tasksPerHost.merge(hostOfExecutor.get(executor), tasks, Integer::sum));
    List<HostTotal> hosts = new ArrayList<>();
    tasksPerHost.keySet().forEach(host -> perHost.computeIfAbsent(host, h -> new long[2]));
    perHost.forEach((host, t) ->
        hosts.add(new HostTotal(host, (int) t[0], t[1], tasksPerHost.getOrDefault(host, 0))));
    return new SpreadReport(applicationId, records, rows, hosts, work);
  }

  public String table() {
    StringBuilder out = new StringBuilder();
    out.append(String.format("Partition spread: %,d records in %d partitions%n", records, partitions.size()));
    out.append(String.format("  %9s  %-10s  %-22s  %12s%n", "partition", "executor", "host", "records"));
    for (PartitionRow p : partitions) {
      out.append(String.format("  %9d  %-10s  %-22s  %,12d%n", p.partition(), p.executor(), p.host(), p.records()));
    }
    long largest = hosts.stream().mapToLong(HostTotal::records).max().orElse(1);
    out.append(String.format("Records per host:%n"));
    for (HostTotal h : hosts) {
      int width = (int) Math.round((double) BAR_WIDTH * h.records() / Math.max(1, largest));
      out.append(String.format("  %-22s %,12d  %-" + BAR_WIDTH + "s  %d partitions, %d tasks%n",
          h.host(), h.records(), "#".repeat(Math.max(width, h.records() > 0 ? 1 : 0)),
          h.partitions(), h.tasks()));
    }
    out.append(String.format("Spark work: %d jobs, %d stages, %d tasks%n", work.jobs(), work.stages(), work.tasks()));
    return out.toString();
  }

  public String jsonLine() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("applicationId", applicationId);
    json.put("records", records);
    json.put("partitions", partitions);
    json.put("hosts", hosts);
    json.put("jobs", work.jobs());
    json.put("stages", work.stages());
    json.put("tasks", work.tasks());
    json.put("tasksPerExecutor", work.tasksPerExecutor());
    try {
      return JSON_PREFIX + new ObjectMapper().writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the spread report as JSON", e);
    }
  }
}
