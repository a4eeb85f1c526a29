package dev.sparksuite.clusterlessons;

import dev.sparksuite.lessonkit.JarIndex;
import dev.sparksuite.lessonkit.JarIndex.Entry;
import java.util.List;

/**
 * The jar's {@code Main-Class}: {@code spark-submit cluster-lessons.jar} lists the lessons (in the
 * module README's order); {@code spark-submit cluster-lessons.jar <Class> <arguments>} runs one.
 */
public final class ClusterLessonsDriver {

  static final JarIndex INDEX =
      new JarIndex(
          "cluster-lessons.jar",
          List.of(
              new Entry(
                  PipelineTrainingExample.class,
                  PipelineTrainingExample::teach,
                  "lesson 1: an MLlib pipeline trained across the workers"),
              new Entry(
                  ModelPersistenceExample.class,
                  ModelPersistenceExample::teach,
                  "lesson 2: a fitted pipeline saved, loaded and served"),
              new Entry(
                  ModelServingExample.class,
                  ModelServingExample.ARGUMENTS,
                  "lesson 3: the saved pipeline served by a second application"),
              new Entry(
                  ModelTuningExample.class,
                  ModelTuningExample::teach,
                  "lesson 4: cross-validation and what it costs"),
              new Entry(
                  AqeCoalescingExample.class,
                  AqeCoalescingExample::teach,
                  "lesson 5: adaptive execution coalesces shuffle partitions"),
              new Entry(
                  ShufflePartitionsExample.class,
                  ShufflePartitionsExample::teach,
                  "lesson 6: spark.sql.shuffle.partitions sized to the data"),
              new Entry(
                  SkewJoinExample.class,
                  SkewJoinExample::teach,
                  "lesson 7: a skewed join key split by adaptive execution"),
              new Entry(
                  MapSideCombineExample.class,
                  MapSideCombineExample::teach,
                  "lesson 8: reduceByKey against groupByKey"),
              new Entry(
                  DynamicAllocationExample.class,
                  "[tasks] [task-millis] [idle-seconds]",
                  "lesson 9: executors that come and go with the load"),
              new Entry(
                  HdfsLocalityExample.class,
                  "<output-dir> [rows] [files]",
                  "lesson 10: tasks run where HDFS keeps their blocks")),
          List.of());

  private ClusterLessonsDriver() {}

  public static void main(String[] args) throws Exception {
    int exit = INDEX.run(args);
    if (exit != 0) {
      System.exit(exit);
    }
  }
}
