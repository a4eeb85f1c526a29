package dev.sparksuite.orc;

import dev.sparksuite.lessons.InspectorCli;
import java.io.PrintStream;

/**
 * Prints what an ORC file's tail holds, without Spark: schema, row count, stripes with offsets,
 * rows and sizes, compression, format and writer versions, column statistics, and which columns
 * have bloom filters.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.orc.OrcInspect formats-orc/target/formats-orc.jar
 * <file.orc>…} (no SparkSession is started), or with {@code java -cp} on Spark's jars.
 *
 * <p>Exit codes: 0 all files fine, 1 a file is missing, not ORC or corrupt (one line naming it),
 * 2 bad usage.
 */
public final class OrcInspect {

  static final String USAGE = "usage: OrcInspect <file.orc>...";

  private OrcInspect() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    return InspectorCli.run("orc-inspect", USAGE, args, out, err, file -> OrcFileReport.read(file).render(),
        OrcInspect::describe);
  }

  /** One line, in orc-core's words where they are clear. */
  static String describe(Throwable e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("Malformed ORC file") || message.contains("Not an ORC file")) {
      return "not an ORC file (" + firstLine(message) + ")";
    }
    return "corrupt or unreadable (" + firstLine(e.getClass().getSimpleName() + ": " + message) + ")";
  }

  private static String firstLine(String text) {
    return text.lines().findFirst().orElse(text);
  }
}
