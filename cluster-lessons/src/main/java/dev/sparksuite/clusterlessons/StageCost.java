package dev.sparksuite.clusterlessons;

import dev.sparksuite.lessonkit.SparkWorkCounter.StageRun;
import java.util.List;

/**
 * One stage in the numbers the shuffle lessons compare: its tasks, the tasks that read nothing, the
 * slowest and the median task by time and by records read, and how long it ran.
 */
record StageCost(
    int tasks,
    int tasksReadingNothing,
    long slowestTaskMillis,
    long medianTaskMillis,
    long mostTaskRecords,
    long medianTaskRecords,
    long stageMillis) {

  static StageCost of(StageRun stage) {
    return new StageCost(
        stage.tasks(),
        (int) stage.taskRecords().stream().filter(r -> r == 0).count(),
        max(stage.taskMillis()),
        median(stage.taskMillis()),
        max(stage.taskRecords()),
        median(stage.taskRecords()),
        stage.durationMs());
  }

  /** The busiest task's records over the median task's. */
  double mostOverMedianRecords() {
    return (double) mostTaskRecords / Math.max(1, medianTaskRecords);
  }

  private static long max(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).max().orElse(0);
  }

  /** The middle value (the lower of the two middle ones for an even count). */
  private static long median(List<Long> values) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get((sorted.size() - 1) / 2);
  }
}
