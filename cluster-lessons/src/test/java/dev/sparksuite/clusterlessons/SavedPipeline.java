package dev.sparksuite.clusterlessons;

import dev.sparksuite.clusterlessons.ModelPersistenceExample.Persistence;
import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;

/**
 * The pipeline {@link ModelPersistenceExample} fits and saves, once per test JVM: the tests of
 * saving it and of serving it read the same directory, and the pipeline is trained once.
 */
final class SavedPipeline {

  /** Under the module's build directory; the first use in a JVM replaces an earlier run's. */
  static final Path DIR = Path.of("target", "saved-pipeline").toAbsolutePath();

  private static Persistence persistence;

  private SavedPipeline() {}

  static synchronized Persistence persisted(SparkSession spark) throws Exception {
    if (persistence == null) {
      org.apache.hadoop.fs.Path dir = SparkTestBase.hadoopPath(DIR);
      FileSystem.getLocal(new Configuration()).delete(dir, true);
      persistence = ModelPersistenceExample.persist(spark, dir);
    }
    return persistence;
  }
}
