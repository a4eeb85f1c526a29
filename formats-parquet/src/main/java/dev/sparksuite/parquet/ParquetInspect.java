package dev.sparksuite.parquet;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/**
 * Prints what a Parquet file's footer holds, without Spark: schema, rows, row groups with sizes,
 * per column chunk the codec, encodings, min/max/null count, bloom filter and page indexes, and
 * the key-value metadata (where Spark keeps its own schema). {@code --verify} then reads every
 * page, checking page checksums where the writer stored them, and decodes every record.
 *
 * <p>Usage: {@code java -cp <spark jars>:formats-parquet.jar dev.sparksuite.parquet.ParquetInspect
 * [--verify] <file.parquet>…}, or {@code spark-submit --class dev.sparksuite.parquet.ParquetInspect
 * formats-parquet/target/formats-parquet.jar [--verify] <file>…}
 *
 * <p>Exit codes: 0 all files fine, 1 a file is missing, not Parquet or corrupt (one line naming
 * it), 2 bad usage.
 */
public final class ParquetInspect {

  static final String USAGE = "usage: ParquetInspect [--verify] <file.parquet>...";

  private ParquetInspect() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    boolean verify = false;
    List<Path> files = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("--verify")) {
        verify = true;
      } else if (arg.startsWith("-")) {
        err.println("parquet-inspect: unknown option '" + arg + "'");
        err.println(USAGE);
        return 2;
      } else {
        files.add(Path.of(arg));
      }
    }
    if (files.isEmpty()) {
      err.println(USAGE);
      return 2;
    }
    int exit = 0;
    for (Path file : files) {
      try {
        ParquetFileReport report = inspect(file);
        out.print(report.render());
        if (verify) {
          long records = verify(file);
          if (records != report.rows()) {
            throw new IOException("footer says " + report.rows() + " rows but " + records + " were decoded");
          }
          out.printf("verified:    every page read and %,d records decoded%n", records);
        }
        out.println();
      } catch (Exception e) {
        err.println("parquet-inspect: " + file + ": " + describe(e));
        exit = 1;
      }
    }
    return exit;
  }

  static ParquetFileReport inspect(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("no such file");
    }
    return ParquetFileReport.read(file);
  }

  /** Reads and decodes every record; page checksums are checked as the pages are read. */
  public static long verify(Path file) throws IOException {
    var options = HadoopReadOptions.builder(new Configuration()).usePageChecksumVerification(true).build();
    long records = 0;
    try (ParquetFileReader reader = ParquetFileReader.open(ParquetFooters.input(file), options)) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      MessageColumnIO columns = new ColumnIOFactory().getColumnIO(schema);
      PageReadStore rowGroup;
      while ((rowGroup = reader.readNextRowGroup()) != null) {
        RecordReader<Group> recordReader = columns.getRecordReader(rowGroup, new GroupRecordConverter(schema));
        for (long i = 0; i < rowGroup.getRowCount(); i++) {
          recordReader.read();
          records++;
        }
      }
    }
    return records;
  }

  /** One line: what was wrong, in parquet-hadoop's words where they are clear. */
  static String describe(Throwable e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("is not a Parquet file") || message.contains("Expected magic number")) {
      return "not a Parquet file (" + firstLine(message) + ")";
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String detail = root == e ? message : message + ": " + root.getMessage();
    return (e instanceof IOException && message.equals("no such file")) ? "no such file"
        : "corrupt or unreadable (" + firstLine(e.getClass().getSimpleName() + ": " + detail) + ")";
  }

  private static String firstLine(String text) {
    return text.lines().findFirst().orElse(text);
  }
}
