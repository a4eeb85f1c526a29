package dev.sparksuite.lessonkit;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
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

  /**
   * The sections of a lesson that reaches its files only through Spark and Hadoop's {@code
   * FileSystem}: its output directory may be on any Hadoop file system ({@code hdfs://…}, or a
   * local path).
   */
  public interface HadoopBody {
    void run(SparkSession spark, org.apache.hadoop.fs.Path output) throws Exception;
  }

  /** The argument or the output directory cannot be used; the message is the line to print. */
  public static final class UsageException extends IllegalArgumentException {
    public UsageException(String message) {
      super(message);
    }
  }

  /** A URI scheme of two letters or more, so that no Windows drive letter reads as one. */
  private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]+):");

  private Lesson() {}

  /** Runs a lesson on the default session. */
  public static int run(String[] args, Class<?> lesson, Body body) {
    return run(args, lesson, output -> session(lesson), body);
  }

  /**
   * Runs a lesson whose output directory may be on any Hadoop file system: a path with a scheme
   * ({@code hdfs://namenode:8020/lessons/x}) is checked there, one without is a local directory.
   */
  public static int runOnAnyFileSystem(String[] args, Class<?> lesson, HadoopBody body) {
    org.apache.hadoop.fs.Path output;
    try {
      output = outputPath(args, lesson, new Configuration());
    } catch (UsageException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    return runSections(lesson, () -> session(lesson), spark -> body.run(spark, output));
  }

  /**
   * Runs a lesson on a session the lesson builds itself (Hive support, a catalog) from its output
   * directory.
   */
  public static int run(
      String[] args, Class<?> lesson, Function<Path, SparkSession> session, Body body) {
    Path output;
    try {
      output = outputDirectory(args, lesson);
    } catch (UsageException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    return runSections(lesson, () -> session.apply(output), spark -> body.run(spark, output));
  }

  /** What a lesson does once its output directory is checked. */
  private interface Sections {
    void run(SparkSession spark) throws Exception;
  }

  private static int runSections(
      Class<?> lesson, Supplier<SparkSession> session, Sections sections) {
    SparkSession spark = null;
    try {
      spark = session.get();
      sections.run(spark);
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
      throw new UsageException(
          "usage: spark-submit --class "
              + lesson.getName()
              + " "
              + jarOf(lesson)
              + " <output-dir>");
    }
    Path output = localPath(args[0], lesson);
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

  /**
   * The output directory of a lesson that runs on any Hadoop file system: a local path is checked
   * as {@link #outputDirectory} checks it; on another file system the directory must not be a file,
   * and its parent must exist. A file system that cannot be reached is a usage error too.
   */
  public static org.apache.hadoop.fs.Path outputPath(
      String[] args, Class<?> lesson, Configuration conf) {
    if (args.length == 1 && hasRemoteScheme(args[0])) {
      org.apache.hadoop.fs.Path output = new org.apache.hadoop.fs.Path(args[0]);
      String prefix = lesson.getSimpleName() + ": output directory " + output;
      try {
        FileSystem fs = output.getFileSystem(conf);
        if (fs.exists(output)) {
          FileStatus status = fs.getFileStatus(output);
          if (!status.isDirectory()) {
            throw new UsageException(prefix + " is a file, not a directory");
          }
        } else if (output.getParent() == null || !fs.isDirectory(output.getParent())) {
          throw new UsageException(
              prefix + ": its parent " + output.getParent() + " does not exist");
        }
      } catch (IOException e) {
        throw new UsageException(prefix + " cannot be reached: " + Errors.oneLine(e));
      }
      return output;
    }
    return new org.apache.hadoop.fs.Path(outputDirectory(args, lesson).toUri());
  }

  /**
   * The argument as a local path. A {@code file:} URI is one; a path on another file system is a
   * usage error here: most lessons read their files back from the local disk ({@code java.nio}, the
   * format libraries), and every lesson outside {@link #runOnAnyFileSystem} takes a local
   * directory.
   */
  private static Path localPath(String argument, Class<?> lesson) {
    if (hasRemoteScheme(argument)) {
      throw new UsageException(
          lesson.getSimpleName()
              + ": output directory "
              + argument
              + " is not on the local disk: this lesson takes a local directory (the first lesson"
              + " of each format takes any Hadoop path)");
    }
    try {
      Path path =
          argument.startsWith("file:") ? Paths.get(URI.create(argument)) : Paths.get(argument);
      return path.toAbsolutePath().normalize();
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          lesson.getSimpleName()
              + ": output directory "
              + argument
              + " is not a path: "
              + e.getMessage());
    }
  }

  /**
   * Whether the argument names a file system other than the local one ({@code hdfs://…}, {@code
   * s3a://…}).
   */
  private static boolean hasRemoteScheme(String argument) {
    Matcher scheme = SCHEME.matcher(argument);
    return scheme.lookingAt() && !scheme.group(1).equalsIgnoreCase("file");
  }

  /** No master here: spark-submit (or the test) decides where the lesson runs. */
  public static SparkSession session(Class<?> lesson) {
    return sessionBuilder("spark-suite " + lesson.getSimpleName()).getOrCreate();
  }

  /**
   * A builder for a lesson's session. Most lessons' output directory is a local path, checked with
   * {@code java.nio} and read back by the format libraries from the local disk; so Spark must
   * resolve it on the local file system too ({@link #runOnAnyFileSystem} lessons pass their output
   * to Spark with its scheme, {@code file:} or {@code hdfs:}). A path without a scheme is resolved
   * on Hadoop's default file system, which a cluster's Hadoop configuration may set to HDFS ({@code
   * fs.defaultFS}): the lesson's own setting takes precedence over that configuration, for the
   * driver and executors.
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
