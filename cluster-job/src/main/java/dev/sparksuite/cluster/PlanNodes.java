package dev.sparksuite.cluster;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The operators of a query's physical plan, as Spark ran it. With adaptive execution (on by
 * default) the plan is an {@code AdaptiveSparkPlan} whose operators sit below query stages that are
 * only final once the query has run, so call it after the action (before it, it returns the initial
 * plan); it looks through the adaptive wrapper and each query stage to the operators they hold.
 */
final class PlanNodes {

  private PlanNodes() {}

  /**
   * Every operator, parents before their children, as each prints itself in one line, without the
   * expression ids ({@code amount#64L} reads {@code amount}) that differ from run to run.
   */
  static List<String> of(Dataset<?> executed) {
    List<String> nodes = new ArrayList<>();
    walk(executed.queryExecution().executedPlan(), nodes);
    return nodes;
  }

  private static void walk(SparkPlan plan, List<String> nodes) {
    if (plan instanceof AdaptiveSparkPlanExec adaptive) {
      walk(adaptive.executedPlan(), nodes);
      return;
    }
    if (plan instanceof QueryStageExec stage) {
      walk(stage.plan(), nodes);
      return;
    }
    nodes.add(plan.simpleString(10).replaceAll("#\\d+L?", ""));
    for (SparkPlan child : CollectionConverters.asJava(plan.children())) {
      walk(child, nodes);
    }
  }
}
