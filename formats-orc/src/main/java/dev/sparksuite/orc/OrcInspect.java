package dev.sparksuite.orc;

import dev.sparksuite.lessonkit.InspectionException;
import dev.sparksuite.lessonkit.InspectionReport;
import dev.sparksuite.lessonkit.InspectorCli;
import dev.sparksuite.lessonkit.InspectorCli.Inspected;
import dev.sparksuite.lessonkit.InspectorCli.Options;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * Prints what an ORC file holds, without Spark and without reading row data: schema with type
 * attributes, rows, compression and block size, format, writer and software versions, row-index
 * stride, user metadata, encryption keys and masks, every stripe with its sections, statistics,
 * column encodings and streams, and per column the file-level statistics and bloom filters. {@code
 * --verify} decodes every stripe and compares the rows and each column's values with the footer;
 * {@code --json} prints the shared document. Directories, several files and any Hadoop path work as
 * for every inspector ({@link InspectorCli}).
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.orc.OrcInspect
 * formats-orc/target/formats-orc.jar [--verify] [--json] <file-or-directory>…} (no SparkSession is
 * started), or with {@code java -cp} on Spark's jars.
 *
 * <p>Exit codes: 0 all files fine, 1 a file is missing, not ORC, truncated or corrupt (one line
 * naming it), 2 bad usage.
 */
public final class OrcInspect {

  static final String USAGE = "usage: OrcInspect [--verify] [--json] <file-or-directory>...";

  static final InspectorCli.Tool TOOL =
      new InspectorCli.Tool("orc-inspect", USAGE, Set.of(), OrcInspect::inspect);

  private OrcInspect() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    return InspectorCli.run(TOOL, args, out, err);
  }

  static Inspected inspect(FileSystem fs, FileStatus file, String name, Options options)
      throws IOException, InspectionException {
    OrcFileReport report = OrcFileReport.read(fs, file, name);
    InspectionReport document = report.document();
    if (options.verify()) {
      document = document.withVerification(OrcVerifier.verify(fs, file));
    }
    return new Inspected(document, report.render(document));
  }
}
