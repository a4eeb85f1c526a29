package dev.sparksuite.lessonkit;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a piece of work with some session settings changed, then puts every setting back as it was
 * (unset if it was unset), whether the work succeeded or threw. Lessons that compare a feature on
 * and off toggle it here, so one comparison never leaks into the next.
 */
public final class SqlConf {

  private SqlConf() {}

  public static <T> T with(SparkSession spark, Map<String, String> settings, Supplier<T> work) {
    RuntimeConfig conf = spark.conf();
    Map<String, String> before = new HashMap<>();
    for (String key : settings.keySet()) {
      if (conf.contains(key)) {
        before.put(key, conf.get(key));
      }
    }
    settings.forEach(conf::set);
    try {
      return work.get();
    } finally {
      for (String key : settings.keySet()) {
        if (before.containsKey(key)) {
          conf.set(key, before.get(key));
        } else {
          conf.unset(key);
        }
      }
    }
  }

  public static <T> T with(SparkSession spark, String key, Object value, Supplier<T> work) {
    return with(spark, Map.of(key, String.valueOf(value)), work);
  }
}
