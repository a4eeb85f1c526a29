package dev.sparksuite.lessonkit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What a file scan really did, read from the executed plan's metrics after the query ran. The plan,
 * not the result, shows what was skipped: a filter returns the same rows either way.
 */
public final class ScanMetrics {

  /**
   * Rows the scan handed to the rest of the plan, files it opened, the schema it read, the filters
   * it pushed to the reader, and every metric of the scan node by name (e.g. {@code numPartitions},
   * {@code filesSize}).
   */
  public record Scan(
      long rowsOutput,
      long filesRead,
      String readSchema,
      String pushedFilters,
      Map<String, Long> metrics) {

    public long metric(String name) {
      Long value = metrics.get(name);
      if (value == null) {
        throw new IllegalArgumentException(
            "the scan has no metric '" + name + "'; it has " + metrics.keySet());
      }
      return value;
    }
  }

  private ScanMetrics() {}

  /**
   * Runs the query and returns its result together with its (only) file scan's metrics. Use it on
   * queries without a shuffle: such plans are not re-planned adaptively, so the executed plan is
   * the one that ran.
   */
  public static Scan collectAndMeasure(Dataset<Row> query) {
    query.collectAsList();
    SparkPlan plan = query.queryExecution().executedPlan();
    List<SparkPlan> scans =
        CollectionConverters.asJava(plan.collectLeaves()).stream()
            .filter(FileSourceScanExec.class::isInstance)
            .toList();
    if (scans.size() != 1) {
      throw new IllegalStateException(
          "expected one file scan in the plan, found " + scans.size() + ":\n" + plan);
    }
    FileSourceScanExec scan = (FileSourceScanExec) scans.get(0);
    return new Scan(
        metric(scan, "numOutputRows"),
        metric(scan, "numFiles"),
        scan.requiredSchema().catalogString(),
        scan.metadata().get("PushedFilters").getOrElse(() -> "[]"),
        allMetrics(scan));
  }

  private static Map<String, Long> allMetrics(SparkPlan plan) {
    Map<String, Long> metrics = new TreeMap<>();
    CollectionConverters.asJava(plan.metrics())
        .forEach((name, metric) -> metrics.put(name, metric.value()));
    return metrics;
  }

  private static long metric(SparkPlan plan, String name) {
    return plan.metrics().get(name).map(m -> m.value()).getOrElse(() -> -1L);
  }
}
