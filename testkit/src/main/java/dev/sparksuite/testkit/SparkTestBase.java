package dev.sparksuite.testkit;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of every Spark test class: the JVM's shared session plus helpers that turn Spark results
 * into plain Java lists, so a test compares whole lists with AssertJ.
 */
public abstract class SparkTestBase {

  protected static SparkSession spark;

  @BeforeAll
  static void useSharedSession() {
    spark = SharedSpark.session();
  }

  /** Collects a DataFrame as rows of plain values; sort in the query when order matters. */
  protected static List<Object[]> rows(Dataset<Row> frame) {
    return frame.collectAsList().stream().map(SparkTestBase::values).collect(Collectors.toList());
  }

  /**
   * A local directory as the Hadoop path a lesson takes ({@code file:/…}): lessons reach their
   * files through Hadoop's {@code FileSystem}, so the same code runs on HDFS.
   */
  public static org.apache.hadoop.fs.Path hadoopPath(java.nio.file.Path local) {
    return new org.apache.hadoop.fs.Path(local.toUri());
  }

  /** One row as an array, convenient for {@code containsExactly(row(1, "a"), …)}. */
  protected static Object[] row(Object... values) {
    return values;
  }

  private static Object[] values(Row row) {
    Object[] values = new Object[row.length()];
    for (int i = 0; i < values.length; i++) {
      values[i] = row.get(i);
    }
    return values;
  }
}
