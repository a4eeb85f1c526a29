package dev.sparksuite.lessons;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * What every lesson's {@code main} shares: one output-directory argument, checked before Spark
 * starts; a session whose master spark-submit (or the caller) decides; the session stopped at the
 * end; and an exit code — 0, 1 when the run failed (one line naming the root cause), 2 for bad
 * usage or an output directory that cannot be used (one line naming it). Nothing here exits the
 * JVM: {@code main} does, with the code it is given.
 */
public final class Lesson {

  /** A lesson's sections, run in reading order on a session, writing under the output directory. */
  public interface Body {
    void run(SparkSession spark, Path output) throws Exception;
  }

  /** The argument or the output directory cannot be used; the message is the line to print. */
  public static final class UsageException extends IllegalArgumentException {
    public UsageException(String message) {
      super(message);
    }
  }

  private Lesson() {}

  /** Runs a lesson on the default session. */
  public static int run(String[] args, Class<?> lesson, Body body) {
    return run(args, lesson, output -> session(lesson), body);
  }

  /** Runs a lesson on a session the lesson builds itself (Hive support, a catalog) from its output directory. */
  public static int run(String[] args, Class<?> lesson, Function<Path, SparkSession> session, Body body) {
    Path output;
    try {
      output = outputDirectory(args, lesson);
    } catch (UsageException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    SparkSession spark = null;
    try {
      spark = session.apply(output);
      body.run(spark, output);
      return 0;
    } catch (Exception e) {
      // Spark's log above may hold the stack trace; the last line says what failed.
      System.err.println(lesson.getSimpleName() + " failed: " + Errors.oneLine(e));
      return 1;
    } finally {
      if (spark != null) {
        spark.stop();
      }
    }
  }

  /**
   * The single argument every lesson takes: a directory it may write into, which must not be a
   * file, must be writable if it exists, and whose parent must exist otherwise — checked here, so a
   * bad path is one line before Spark starts, not a stack trace from the first write.
   */
  public static Path outputDirectory(String[] args, Class<?> lesson) {
    if (args.length != 1 || args[0].isBlank() || args[0].startsWith("-")) {
      throw new UsageException("usage: spark-submit --class " + lesson.getName() + " " + jarOf(lesson) + " <output-dir>");
    }
    Path output = Paths.get(args[0]).toAbsolutePath().normalize();
    String prefix = lesson.getSimpleName() + ": output directory " + output;
    if (Files.exists(output)) {
      if (!Files.isDirectory(output)) {
        throw new UsageException(prefix + " is a file, not a directory");
      }
      if (!Files.isWritable(output)) {
        throw new UsageException(prefix + " is not writable");
      }
    } else {
      Path parent = output.getParent();
      if (parent == null || !Files.isDirectory(parent)) {
        throw new UsageException(prefix + ": its parent " + parent + " does not exist");
      }
      if (!Files.isWritable(parent)) {
        throw new UsageException(prefix + ": its parent " + parent + " is not writable");
      }
    }
    return output;
  }

  /** No master here: spark-submit (or the test) decides where the lesson runs. */
  public static SparkSession session(Class<?> lesson) {
    return sessionBuilder("spark-suite " + lesson.getSimpleName()).getOrCreate();
  }

  /**
   * A builder for a lesson's session. The output directory is a local path, checked with {@code
   * java.nio} and read back by the format libraries from the local disk; so Spark must resolve it
   * on the local file system too. A path without a scheme is resolved on Hadoop's default file
   * system, which a cluster's Hadoop configuration may set to HDFS ({@code fs.defaultFS}): the
   * lesson's own setting takes precedence over that configuration, for the driver and executors.
   */
  public static SparkSession.Builder sessionBuilder(String appName) {
    return SparkSession.builder().appName(appName).config("spark.hadoop.fs.defaultFS", "file:///");
  }

  /** The jar (or classes directory) the lesson was loaded from, as the usage line's path. */
  static String jarOf(Class<?> lesson) {
    var source = lesson.getProtectionDomain().getCodeSource();
    return source == null ? "<jar>" : Paths.get(source.getLocation().getPath()).toString();
  }
}
