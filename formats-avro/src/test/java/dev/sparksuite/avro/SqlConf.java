package dev.sparksuite.avro;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;

/** Runs an action under some SQL settings and restores the session's previous values afterwards. */
final class SqlConf {

  private SqlConf() {}

  static <T> T with(SparkSession spark, Map<String, String> settings, Supplier<T> action) {
    RuntimeConfig conf = spark.conf();
    Map<String, String> previous = new HashMap<>();
    settings.keySet().forEach(key -> previous.put(key, conf.getOption(key).getOrElse(() -> null)));
    settings.forEach(conf::set);
    try {
      return action.get();
    } finally {
      previous.forEach((key, value) -> {
        if (value == null) {
          conf.unset(key);
        } else {
          conf.set(key, value);
        }
      });
    }
  }
}
