package dev.sparksuite.clusterlessons;

import dev.sparksuite.lessonkit.SparkWorkCounter.JobRun;
import dev.sparksuite.lessonkit.SparkWorkCounter.SparkWork;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a logistic regression's training ran: its loss evaluations (the jobs with a stage named
 * {@link #EVALUATION_STAGE}), their tasks per host over all their stages, and how many evaluations
 * had tasks on every host that ran any.
 */
record TrainingSpread(
    int lossEvaluations, Map<String, Integer> tasksPerHost, int evaluationsOnEveryHost) {

  /**
   * Spark names a stage after its call site: {@code treeAggregate at RDDLossFunction.scala:…} for
   * each loss-and-gradient evaluation ({@code treeAggregate at Summarizer.scala:…} is the one pass
   * that computes the feature statistics).
   */
  static final String EVALUATION_STAGE = "treeAggregate at RDDLossFunction";

  static TrainingSpread of(SparkWork work) {
    List<Map<String, Integer>> evaluations = new ArrayList<>();
    for (JobRun job : work.jobsWithStageNamed(EVALUATION_STAGE)) {
      Map<String, Integer> perHost = new TreeMap<>();
      work.completedStagesOf(job)
          .forEach(
              s ->
                  s.tasksPerHost(work.executorHosts())
                      .forEach((h, n) -> perHost.merge(h, n, Integer::sum)));
      evaluations.add(perHost);
    }
    Map<String, Integer> perHost = new TreeMap<>();
    evaluations.forEach(job -> job.forEach((h, n) -> perHost.merge(h, n, Integer::sum)));
    int everyHost = (int) evaluations.stream().filter(job -> job.size() == perHost.size()).count();
    return new TrainingSpread(evaluations.size(), perHost, everyHost);
  }

  /** One line, in a fixed form the cluster tests read. */
  String describe() {
    return String.format(
        Locale.ROOT,
        "%d loss evaluations; their tasks per host: %s; evaluations with tasks on every host: %d "
            + "of %d",
        lossEvaluations,
        tasksPerHost,
        evaluationsOnEveryHost,
        lossEvaluations);
  }
}
