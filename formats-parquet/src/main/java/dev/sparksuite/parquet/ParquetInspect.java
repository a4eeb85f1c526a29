package dev.sparksuite.parquet;

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
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.InputFile;

/**
 * Prints what a Parquet file holds, without Spark: the writer, schema, rows, key-value metadata,
 * every row group with its offset and sizes, and per column chunk the physical and logical type,
 * codec, value count, sizes, encodings with dictionary fall-back, min/max/nulls, the bloom filter,
 * column index and offset index with their sizes, and size statistics. {@code --pages} lists every
 * page from its header; {@code --verify} decodes every value, checks page CRCs and compares the
 * rows the pages hold with the footer; {@code --json} prints the shared document. Directories,
 * several files and any Hadoop path work as for every inspector ({@link InspectorCli}).
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.parquet.ParquetInspect
 * formats-parquet/target/formats-parquet.jar [--verify] [--json] [--pages] <file-or-directory>…}
 * (no SparkSession is started), or {@code java -cp <spark jars>:formats-parquet.jar …}.
 *
 * <p>Exit codes: 0 all files fine, 1 a file is missing, not Parquet, truncated, encrypted or
 * corrupt (one line naming it), 2 bad usage.
 */
public final class ParquetInspect {

  static final String USAGE =
      "usage: ParquetInspect [--verify] [--json] [--pages] <file-or-directory>...";

  static final InspectorCli.Tool TOOL =
      new InspectorCli.Tool("parquet-inspect", USAGE, Set.of("--pages"), ParquetInspect::inspect);

  private ParquetInspect() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    return InspectorCli.run(TOOL, args, out, err);
  }

  static Inspected inspect(FileSystem fs, FileStatus file, String name, Options options)
      throws IOException, InspectionException {
    InputFile input = HadoopInputFile.fromStatus(file, fs.getConf());
    ParquetFileReport report = ParquetFileReport.read(input, name, options.pages());
    InspectionReport document = report.document();
    if (options.verify()) {
      document = document.withVerification(ParquetVerifier.verify(input, report, true));
    }
    return new Inspected(document, report.render(document));
  }
}
