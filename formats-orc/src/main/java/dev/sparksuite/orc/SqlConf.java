package dev.sparksuite.orc;

import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/** The one way the ORC lessons flip a session setting: set it, run, and put the old value back. */
final class SqlConf {

  private SqlConf() {}

  static <T> T with(SparkSession spark, String key, Object value, Supplier<T> action) {
    boolean wasSet = spark.conf().contains(key);
    String before = wasSet ? spark.conf().get(key) : null;
    spark.conf().set(key, String.valueOf(value));
    try {
      return action.get();
    } finally {
      if (wasSet) {
        spark.conf().set(key, before);
      } else {
        spark.conf().unset(key);
      }
    }
  }
}
