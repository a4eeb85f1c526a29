package dev.sparksuite.avro;

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
 * Prints what an Avro data file holds, without Spark and without decoding a record: the codec, the
 * writer's schema, the sync marker, the user metadata (binary values as hex), and every block with
 * its offset, record count and size, read from the block headers. {@code --verify} decodes every
 * block and checks that its records use up its bytes; {@code --head N} prints the first N records
 * as JSON; {@code --json} prints the shared document. Directories, several files and any Hadoop
 * path work as for every inspector ({@link InspectorCli}).
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.avro.AvroInspect
 * formats-avro/target/formats-avro.jar [--verify] [--json] [--head N] <file-or-directory>…} (no
 * SparkSession is started).
 *
 * <p>Exit codes: 0 all files fine, 1 a file is missing, not Avro, truncated or corrupt (one line
 * naming it), 2 bad usage.
 */
public final class AvroInspect {

  static final String USAGE =
      "usage: AvroInspect [--verify] [--json] [--head N] <file-or-directory>...";

  static final InspectorCli.Tool TOOL =
      new InspectorCli.Tool("avro-inspect", USAGE, Set.of("--head"), AvroInspect::inspect);

  private AvroInspect() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    return InspectorCli.run(TOOL, args, out, err);
  }

  static Inspected inspect(FileSystem fs, FileStatus file, String name, Options options)
      throws IOException, InspectionException {
    AvroFileReport report = AvroFileReport.read(fs, file, name);
    InspectionReport document = report.document();
    if (options.verify()) {
      document = document.withVerification(AvroVerifier.verify(fs, file, report));
    }
    String text =
        options.head() >= 0 ? AvroVerifier.head(fs, file, options.head()) : report.render(document);
    return new Inspected(document, text);
  }
}
