package dev.sparksuite.lessonkit;

import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The command line the three file inspectors share, so the same flags mean the same thing
 * everywhere:
 *
 * <pre>
 * &lt;tool&gt; [--verify] [--json] [--pages] [--head N] &lt;file-or-directory&gt;...
 * </pre>
 *
 * <ul>
 *   <li>An argument is any Hadoop path ({@code /tmp/t}, {@code file:/tmp/t}, {@code hdfs://…},
 *       {@code s3a://…}). A directory stands for the data files under it (see {@link
 *       DataFiles#holdsData}), and a totals line ends the report.
 *   <li>{@code --verify} decodes every value and compares the rows decoded with the rows the file
 *       declares. {@code --json} prints each file's {@link InspectionReport} as one JSON line.
 *       {@code --pages} (Parquet) lists every page. {@code --head N} (Avro) prints the first N
 *       records as JSON instead of the report.
 *   <li>A file that cannot be inspected gives one line on stderr, naming it once ({@code
 *       parquet-inspect: x.parquet: not a Parquet file: no PAR1 magic at the head}), and the others
 *       are still inspected. Exit 0 when every file was fine, 1 when one was not, 2 on bad usage.
 * </ul>
 */
public final class InspectorCli {

  /** The flags of one run; {@code head} is -1 unless {@code --head N} was given. */
  public record Options(boolean verify, boolean json, boolean pages, int head) {}

  /** One file inspected: the shared document and its text rendering. */
  public record Inspected(InspectionReport report, String text) {}

  /** Inspects one file; throws {@link InspectionException} for a file it cannot report on. */
  public interface Inspector {
    Inspected inspect(FileSystem fs, FileStatus file, String name, Options options)
        throws Exception;
  }

  /**
   * One inspector: its name (prefixing every error line, e.g. {@code orc-inspect}), its usage line,
   * and which of the format-specific flags ({@code --pages}, {@code --head}) it takes.
   */
  public record Tool(String name, String usage, Set<String> formatFlags, Inspector inspector) {}

  private InspectorCli() {}

  public static int run(Tool tool, String[] args, PrintStream out, PrintStream err) {
    boolean verify = false;
    boolean json = false;
    boolean pages = false;
    int head = -1;
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-h") || arg.equals("--help")) {
        out.println(tool.usage());
        return 0;
      } else if (arg.equals("--verify")) {
        verify = true;
      } else if (arg.equals("--json")) {
        json = true;
      } else if (arg.equals("--pages") && tool.formatFlags().contains(arg)) {
        pages = true;
      } else if (arg.equals("--head") && tool.formatFlags().contains(arg)) {
        head =
            i + 1 < args.length && args[i + 1].matches("\\d{1,9}")
                ? Integer.parseInt(args[++i])
                : -2;
        if (head < 0) {
          return usage(tool, err, "--head needs a number of records");
        }
      } else if (arg.startsWith("-")) {
        return usage(tool, err, "unknown option '" + arg + "'");
      } else {
        paths.add(arg);
      }
    }
    if (paths.isEmpty()) {
      err.println(tool.usage());
      return 2;
    }
    if (json && head >= 0) {
      return usage(tool, err, "--head prints records and --json the report: give one of them");
    }
    return inspectAll(tool, paths, new Options(verify, json, pages, head), out, err);
  }

  private static int usage(Tool tool, PrintStream err, String problem) {
    err.println(tool.name() + ": " + problem);
    err.println(tool.usage());
    return 2;
  }

  private static int inspectAll(
      Tool tool, List<String> arguments, Options options, PrintStream out, PrintStream err) {
    Configuration conf = new Configuration();
    int failed = 0;
    int inspected = 0;
    long rows = 0;
    long bytes = 0;
    boolean totals = arguments.size() > 1;
    for (String argument : arguments) {
      List<FileStatus> files;
      FileSystem fs;
      FileStatus status;
      try {
        Path path = new Path(argument);
        fs = path.getFileSystem(conf);
        status = fs.getFileStatus(path);
        files = status.isDirectory() ? DataFiles.list(fs, status.getPath()) : List.of(status);
        if (status.isDirectory()) {
          totals = true;
          if (files.isEmpty()) {
            throw new InspectionException("no data files in the directory");
          }
        }
      } catch (Exception e) {
        err.println(tool.name() + ": " + argument + ": " + describe(e, argument));
        failed++;
        continue;
      }
      for (FileStatus file : files) {
        String name = displayName(argument, status, file.getPath());
        try {
          Inspected result = tool.inspector().inspect(fs, file, name, options);
          if (options.json()) {
            out.println(InspectionJson.write(result.report()));
          } else {
            out.print(result.text());
            if (options.head() < 0) {
              out.println();
            }
          }
          inspected++;
          rows += result.report().rows();
          bytes += result.report().bytes();
        } catch (Exception | LinkageError | StackOverflowError e) {
          err.println(
              tool.name()
                  + ": "
                  + name
                  + ": "
                  + describe(e, name).replace(file.getPath().toString(), "the file"));
          failed++;
        }
      }
    }
    if (totals && !options.json() && options.head() < 0) {
      out.printf(
          "total:       %,d file(s), %,d rows, %,d bytes%s%n",
          inspected,
          rows,
          bytes,
          failed == 0 ? "" : String.format(" (%d could not be inspected)", failed));
    }
    return failed == 0 ? 0 : 1;
  }

  /**
   * A file argument is named as given; a file found under a directory argument by its full path,
   * with the scheme only where the user gave one ({@code hdfs://…}, not {@code file:/…}).
   */
  static String displayName(String argument, FileStatus directoryOrFile, Path file) {
    if (directoryOrFile.isFile()) {
      return argument;
    }
    return new Path(argument).toUri().getScheme() != null
        ? file.toString()
        : Path.getPathWithoutSchemeAndAuthority(file).toString();
  }

  /**
   * One line for any failure: the inspector's own words when it knows what is wrong, else the
   * library's message (and its root cause's), without the file's name, which the caller prints.
   */
  static String describe(Throwable e, String name) {
    for (Throwable cause = e;
        cause != null && cause.getCause() != cause;
        cause = cause.getCause()) {
      if (cause instanceof ChecksumException checksum) {
        // Hadoop's local file system keeps a .crc file beside each file it writes and checks every
        // read against it.
        return "corrupt: the bytes at offset "
            + checksum.getPos()
            + " differ from the file's Hadoop checksum (.crc)";
      }
    }
    if (e instanceof InspectionException) {
      return e.getMessage();
    }
    if (e instanceof FileNotFoundException) {
      return "no such file or directory";
    }
    Throwable root = Errors.rootCause(e);
    String message = e.getClass().getSimpleName() + ": " + e.getMessage();
    if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
      message += ": " + root.getClass().getSimpleName() + ": " + root.getMessage();
    }
    String withoutName = message.replace("file:" + name, "the file").replace(name, "the file");
    return "unreadable: " + withoutName.lines().findFirst().orElse(withoutName);
  }
}
