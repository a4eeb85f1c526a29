package dev.sparksuite.docker.apps;

import java.net.InetAddress;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A Spark application for the cluster tests, shipped in {@code docker-tests.jar}: it loads a class
 * by name inside its tasks, on the executors, and calls its static {@code marker()}. The class is
 * in no jar of the application itself: it must come with {@code --packages} (or {@code --jars}).
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.docker.apps.ClassOnExecutors
 * docker-tests.jar <class-name>}; prints {@code LOADED <marker> on <hosts>}.
 */
public final class ClassOnExecutors {

  private ClassOnExecutors() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println(
          "usage: spark-submit --class dev.sparksuite.docker.apps.ClassOnExecutors"
              + " docker-tests.jar <class-name>");
      System.exit(2);
    }
    String className = args[0];
    try (JavaSparkContext sc =
        new JavaSparkContext(new SparkConf().setAppName("spark-suite class-on-executors"))) {
      List<String> loaded =
          sc.parallelize(List.of(1, 2, 3), 3)
              .map(
                  i -> {
                    Class<?> probe =
                        Class.forName(
                            className, true, Thread.currentThread().getContextClassLoader());
                    return probe.getMethod("marker").invoke(null)
                        + "@"
                        + InetAddress.getLocalHost().getHostName();
                  })
              .collect();
      TreeSet<String> markers = new TreeSet<>();
      TreeSet<String> hosts = new TreeSet<>();
      for (String one : loaded) {
        markers.add(one.substring(0, one.indexOf('@')));
        hosts.add(one.substring(one.indexOf('@') + 1));
      }
      System.out.println(
          "LOADED " + String.join(", ", markers) + " on " + String.join(", ", hosts));
    }
  }
}
