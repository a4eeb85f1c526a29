package dev.sparksuite.lessonkit;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * What every lesson's {@code main} shares: one output-directory argument, checked before Spark
 * starts, on any Hadoop file system (a local path, {@code hdfs://namenode:8020/lessons/x}); a
 * session whose master spark-submit (or the caller) decides; the session stopped at the end; and an
 * exit code — 0, 1 when the run failed (one line naming the root cause), 2 for bad usage or an
 * output directory that cannot be used (one line naming it). Nothing here exits the JVM but {@link
 * #exit}, which a lesson's {@code main} calls with the code it is given.
 *
 * <p>A lesson reaches its files only through Spark and Hadoop's {@code FileSystem} (the format
 * libraries read and write through it too), never through {@code java.nio}: that is what lets the
 * same lesson write to the local disk or to HDFS. (The one exception is what cannot live on HDFS:
 * the Hive lesson's embedded Derby metastore, kept in a local temporary directory.)
 */
public final class Lesson {

  /**
   * A lesson's sections, run in reading order on a session, writing under the output directory: a
   * Hadoop path with its scheme ({@code file:/tmp/x}, {@code hdfs://namenode:8020/lessons/x}).
   */
  public interface Body {
    void run(SparkSession spark, Path output) throws Exception;
  }

  /**
   * A lesson's entry point besides {@code main}: the lesson run in the given mode, returning its
   * exit code instead of ending the JVM. The jar's index holds it, so that {@code --all} runs every
   * lesson in one JVM.
   */
  @FunctionalInterface
  public interface Teach {
    int run(Mode mode, String[] args);
  }

  /**
   * How a lesson runs: {@link #ALONE}, as its {@code main} runs it (the session the lesson gets is
   * stopped at its end), or {@linkplain #partOf as one lesson of its jar's {@code --all} run}, on
   * the application the run's default-session lessons share.
   */
  public record Mode(String sharedApplication) {
    /** One lesson of an {@code --all} run, whose default-session lessons share this application. */
    public static Mode partOf(String sharedApplication) {
      return new Mode(Objects.requireNonNull(sharedApplication));
    }

    boolean alone() {
      return sharedApplication == null;
    }
  }

  /** The lesson on its own, as its {@code main} runs it. */
  public static final Mode ALONE = new Mode(null);

  /** The argument or the output directory cannot be used; the message is the line to print. */
  public static final class UsageException extends IllegalArgumentException {
    public UsageException(String message) {
      super(message);
    }
  }

  /** A URI scheme of two letters or more, so that no Windows drive letter reads as one. */
  private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]+):");

  private Lesson() {}

  /** Ends the JVM with the lesson's exit code if it is not 0: what a lesson's {@code main} does. */
  public static void exit(int code) {
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Runs a lesson on the default session, stopped at the end. As part of the jar's {@code --all}
   * run, the lesson gets a session of its own ({@code newSession()}: its own SQL settings,
   * temporary views and functions) on the one application the run's default-session lessons share,
   * and it is not stopped: each new application would start its executors cold, which on a cluster
   * costs more than most lessons.
   */
  public static int run(Mode mode, String[] args, Class<?> lesson, Body body) {
    if (mode.alone()) {
      return exitCode(args, lesson, output -> session(lesson), body, true);
    }
    return exitCode(
        args,
        lesson,
        output -> sessionBuilder(mode.sharedApplication()).getOrCreate().newSession(),
        body,
        false);
  }

  /**
   * Runs a lesson on a session the lesson builds itself (Hive support, a catalog) from its output
   * directory, stopped at the end. Its settings are static ones, which only a new application
   * takes: as part of the jar's {@code --all} run, the shared application is stopped first, and the
   * lesson's own is stopped after it, even if the lesson failed between creating it and getting it.
   */
  public static int run(
      Mode mode, String[] args, Class<?> lesson, Function<Path, SparkSession> session, Body body) {
    if (mode.alone()) {
      return exitCode(args, lesson, session, body, true);
    }
    stopAnySession();
    try {
      return exitCode(args, lesson, session, body, true);
    } finally {
      stopAnySession();
    }
  }

  /** Stops the default and the active session's application, if one is running. */
  static void stopAnySession() {
    SparkSession.getDefaultSession().foreach(Lesson::stop);
    SparkSession.getActiveSession().foreach(Lesson::stop);
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
  }

  private static Object stop(SparkSession session) {
    if (!session.sparkContext().isStopped()) {
      session.stop();
    }
    return null;
  }

  private static int exitCode(
      String[] args,
      Class<?> lesson,
      Function<Path, SparkSession> session,
      Body body,
      boolean stopSession) {
    Path output;
    try {
      output = outputPath(args, lesson, new Configuration());
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
      if (spark != null && stopSession) {
        spark.stop();
      }
    }
  }

  /**
   * The single argument every lesson takes: a directory it may write into. A path with a scheme
   * ({@code hdfs://namenode:8020/lessons/x}) is checked on that file system: it must not be a file,
   * and its parent must exist; a file system that cannot be reached is a usage error too. A path
   * without one (or a {@code file:} URI) is a local directory, which must also be writable. Checked
   * here, so a bad path is one line before Spark starts, not a stack trace from the first write.
   */
  public static Path outputPath(String[] args, Class<?> lesson, Configuration conf) {
    if (args.length != 1 || args[0].isBlank() || args[0].startsWith("-")) {
      throw new UsageException(
          "usage: spark-submit --class "
              + lesson.getName()
              + " "
              + jarOf(lesson)
              + " <output-dir>");
    }
    return outputDirectory(args[0], lesson.getSimpleName(), conf);
  }

  /**
   * An output directory checked as {@link #outputPath} checks a lesson's, the usage error naming
   * {@code user} (a lesson, or the jar's {@code --all} run).
   */
  public static Path outputDirectory(String argument, String user, Configuration conf) {
    if (!hasRemoteScheme(argument)) {
      // Not from toUri(): an existing directory's URI ends in "/", and the path's name would be "".
      return new Path("file", null, localDirectory(argument, user).toString());
    }
    Path output = new Path(argument);
    String prefix = user + ": output directory " + output;
    try {
      // A private instance, closed here: the cached one the lesson gets later through Spark must be
      // created with Spark's Hadoop configuration (spark.hadoop.* settings), not this one.
      try (FileSystem fs = FileSystem.newInstance(output.toUri(), conf)) {
        if (fs.exists(output)) {
          FileStatus status = fs.getFileStatus(output);
          if (!status.isDirectory()) {
            throw new UsageException(prefix + " is a file, not a directory");
          }
        } else if (output.getParent() == null || !fs.isDirectory(output.getParent())) {
          throw new UsageException(
              prefix + ": its parent " + output.getParent() + " does not exist");
        }
      }
    } catch (IOException e) {
      throw new UsageException(prefix + " cannot be reached: " + Errors.oneLine(e));
    }
    return output;
  }

  /** A local output directory: not a file, writable if it exists, its parent writable if not. */
  private static java.nio.file.Path localDirectory(String argument, String user) {
    java.nio.file.Path output;
    try {
      output =
          (argument.startsWith("file:") ? Paths.get(URI.create(argument)) : Paths.get(argument))
              .toAbsolutePath()
              .normalize();
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          user + ": output directory " + argument + " is not a path: " + e.getMessage());
    }
    String prefix = user + ": output directory " + output;
    if (Files.exists(output)) {
      if (!Files.isDirectory(output)) {
        throw new UsageException(prefix + " is a file, not a directory");
      }
      if (!Files.isWritable(output)) {
        throw new UsageException(prefix + " is not writable");
      }
    } else {
      java.nio.file.Path parent = output.getParent();
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
   * Whether the argument names a file system other than the local one ({@code hdfs://…}, {@code
   * s3a://…}).
   */
  private static boolean hasRemoteScheme(String argument) {
    Matcher scheme = SCHEME.matcher(argument);
    return scheme.lookingAt() && !scheme.group(1).equalsIgnoreCase("file");
  }

  /** The file system the lesson's output (or any path under it) lives on, as Spark sees it. */
  public static FileSystem fileSystem(SparkSession spark, Path path) throws IOException {
    return path.getFileSystem(spark.sparkContext().hadoopConfiguration());
  }

  /** No master here: spark-submit (or the test) decides where the lesson runs. */
  public static SparkSession session(Class<?> lesson) {
    return sessionBuilder("spark-suite " + lesson.getSimpleName()).getOrCreate();
  }

  /**
   * A builder for a lesson's session. A lesson's output directory always reaches Spark with its
   * scheme ({@code file:} or {@code hdfs:}); a path without one would be resolved on Hadoop's
   * default file system, which a cluster's Hadoop configuration may set to HDFS ({@code
   * fs.defaultFS}). So that a scheme-less path inside a lesson (none should exist) means the local
   * disk on every machine, the lesson's own setting takes precedence over that configuration, for
   * the driver and executors.
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
