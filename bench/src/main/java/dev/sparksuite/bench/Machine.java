package dev.sparksuite.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Where the figures were measured: they mean little without the machine, the JVM and the cores
 * Spark used.
 */
record Machine(
    String sparkVersion,
    String master,
    int cores,
    String cpu,
    String jvm,
    String os,
    long memoryBytes,
    long heapBytes) {

  static Machine current(SparkSession spark) {
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return new Machine(
        spark.version(),
        spark.sparkContext().master(),
        spark.sparkContext().defaultParallelism(),
        cpuModel(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"),
        os.getTotalMemorySize(),
        Runtime.getRuntime().maxMemory());
  }

  String describe() {
    return String.format(
        "Spark %s on `%s` (%d cores), %s; %s; %s; %.0f GiB RAM, driver heap %.1f GiB",
        sparkVersion,
        master,
        cores,
        cpu,
        jvm,
        os,
        memoryBytes / (double) (1L << 30),
        heapBytes / (double) (1L << 30));
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }
}
