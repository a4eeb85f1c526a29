package dev.sparksuite.cluster;

import dev.sparksuite.lessonkit.SparkWorkCounter.JobRun;
import dev.sparksuite.lessonkit.SparkWorkCounter.SparkWork;
import dev.sparksuite.lessonkit.SparkWorkCounter.StageRun;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What each computing stage of the job teaches, shown by Spark's own numbers and plans rather than
 * asserted by its comments: how many records went into each shuffle's map side and how few rows
 * crossed it, which join the planner chose, and the limit it put before the window's shuffle.
 *
 * @param totalSteps the job's step count, as its progress lines number them ("[k/n]")
 * @param rdd the RDD stage's map side: records read, partial sums shuffled
 * @param aggregate the DataFrame aggregate's map side
 * @param join the join operator of the aggregate's plan, as Spark prints it, without expression ids
 * @param window the window stage's map side: records read, candidates shuffled
 * @param windowLimits the {@code WindowGroupLimit} operators of the window's plan (none if Spark
 *     planned none)
 */
public record StageEvidence(
    int totalSteps,
    MapSide rdd,
    MapSide aggregate,
    String join,
    MapSide window,
    List<String> windowLimits) {

  /** One stage's map side: its tasks, the records they read, and what they wrote to the shuffle. */
  public record MapSide(int tasks, long recordsRead, long rowsShuffled, long bytesShuffled) {}

  private static final Locale NUMBERS = Locale.ROOT;

  /**
   * Reads the evidence once the job has run: the work counted by the scheduler, whose jobs each
   * stage labelled "[k/n] …", and the executed plans of the aggregate-and-join and of the window.
   */
  static StageEvidence of(
      SparkWork work, int totalSteps, List<String> aggregatePlan, List<String> windowPlan) {
    return new StageEvidence(
        totalSteps,
        mapSide(work, ClusterJob.RDD_STEP),
        mapSide(work, ClusterJob.AGGREGATE_STEP),
        aggregatePlan.stream()
            .filter(n -> n.contains("Join"))
            .findFirst()
            .orElse("no join in the plan"),
        mapSide(work, ClusterJob.WINDOW_STEP),
        windowPlan.stream().filter(n -> n.startsWith("WindowGroupLimit")).toList());
  }

  /** The stages of the step's jobs that wrote shuffle output: the map side of its shuffle. */
  private static MapSide mapSide(SparkWork work, int step) {
    String label = "[" + step + "/";
    Set<Integer> stageIds =
        work.jobRuns().stream()
            .filter(j -> j.description().startsWith(label))
            .map(JobRun::stageIds)
            .flatMap(List::stream)
            .collect(Collectors.toSet());
    List<StageRun> maps =
        work.stageRuns().stream()
            .filter(
                s -> s.completed() && stageIds.contains(s.stage()) && s.shuffleWriteRecords() > 0)
            .toList();
    return new MapSide(
        maps.stream().mapToInt(StageRun::tasks).sum(),
        maps.stream().mapToLong(StageRun::records).sum(),
        maps.stream().mapToLong(StageRun::shuffleWriteRecords).sum(),
        maps.stream().mapToLong(StageRun::shuffleWriteBytes).sum());
  }

  /** The evidence as lines to print, one per stage that shuffles. */
  public String text() {
    StringBuilder out =
        new StringBuilder("What each stage shows, in Spark's own numbers:")
            .append(System.lineSeparator());
    line(
        out,
        "  [%d/%d] map-side combine: %s, so the shuffle carries partial sums, not records",
        ClusterJob.RDD_STEP,
        totalSteps,
        describe(rdd, "partial sums"));
    line(
        out,
        "  [%d/%d] partial aggregate: %s; join: %s",
        ClusterJob.AGGREGATE_STEP,
        totalSteps,
        describe(aggregate, "partial rows"),
        join);
    line(
        out,
        "  [%d/%d] window: %s, cut down by the candidate pass (the top N per category and task); "
            + "limits Spark planned on top of it: %s",
        ClusterJob.WINDOW_STEP,
        totalSteps,
        describe(window, "candidate rows"),
        windowLimits.isEmpty() ? "none" : String.join(" | ", windowLimits));
    return out.toString();
  }

  private static String describe(MapSide side, String what) {
    return String.format(
        NUMBERS,
        "%d map tasks read %,d records and shuffled %,d %s (%s)",
        side.tasks(),
        side.recordsRead(),
        side.rowsShuffled(),
        what,
        SpreadReport.bytes(side.bytesShuffled()));
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(NUMBERS, format, args)).append(System.lineSeparator());
  }
}
