package dev.sparksuite.lessons;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.spark.sql.SparkSession;

/** What every format lesson's {@code main} shares: one output-directory argument and a session. */
public final class Lesson {

  private Lesson() {}

  /**
   * The single argument every lesson takes: a directory it may write into. Anything else prints
   * the usage line to stderr and exits with 2.
   */
  public static Path outputDirectory(String[] args, Class<?> lesson) {
    if (args.length != 1 || args[0].isBlank() || args[0].startsWith("-")) {
      System.err.println("usage: spark-submit --class " + lesson.getName() + " " + jarOf(lesson) + " <output-dir>");
      System.exit(2);
    }
    return Paths.get(args[0]).toAbsolutePath();
  }

  /** No master here: spark-submit (or the test) decides where the lesson runs. */
  public static SparkSession session(Class<?> lesson) {
    return SparkSession.builder().appName("spark-suite " + lesson.getSimpleName()).getOrCreate();
  }

  /** dev.sparksuite.parquet.X lives in formats-parquet/target/formats-parquet.jar, and so on. */
  static String jarOf(Class<?> lesson) {
    String module = "formats-" + lesson.getPackageName().substring(lesson.getPackageName().lastIndexOf('.') + 1);
    return module + "/target/" + module + ".jar";
  }
}
