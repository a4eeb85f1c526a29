package dev.sparksuite.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.SparkSubmit;
import org.junit.jupiter.api.Test;

/**
 * The benchmark jar bundles the format modules and their connectors (Iceberg, spark-avro, Kafka),
 * and runs under spark-submit as they do.
 */
class BenchJarIT {

  /**
   * Spark loads its own copy of what it ships first: a second copy in the jar would only conflict.
   */
  @Test
  void theShadedJarCarriesNoClassSparkShips() throws Exception {
    assertThat(SparkSubmit.classesSparkShips(SparkSubmit.jar()))
        .as("classes of %s that Spark's jars/ has too", SparkSubmit.jar())
        .isEmpty();
  }
}
