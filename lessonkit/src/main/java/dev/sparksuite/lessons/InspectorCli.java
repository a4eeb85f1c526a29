package dev.sparksuite.lessons;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The command line the file inspectors share: {@code <file>…}, a report per file on stdout, one
 * line per bad file on stderr naming it, exit 0 / 1 (a file was bad) / 2 (bad usage).
 */
public final class InspectorCli {

  /** Renders one file's report; throws for a file that cannot be read. */
  public interface Inspection {
    String render(Path file) throws Exception;
  }

  private InspectorCli() {}

  /**
   * @param name the tool's name, prefixing every error line ("orc-inspect")
   * @param describe turns a failure into the words after "file: " (e.g. "not an ORC file (…)")
   */
  public static int run(String name, String usage, String[] args, PrintStream out, PrintStream err,
      Inspection inspection, Function<Exception, String> describe) {
    List<Path> files = new ArrayList<>();
    for (String arg : args) {
      if (arg.startsWith("-")) {
        err.println(name + ": unknown option '" + arg + "'");
        err.println(usage);
        return 2;
      }
      files.add(Path.of(arg));
    }
    if (files.isEmpty()) {
      err.println(usage);
      return 2;
    }
    int exit = 0;
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        err.println(name + ": " + file + ": no such file");
        exit = 1;
        continue;
      }
      try {
        out.print(inspection.render(file));
        out.println();
      } catch (Exception e) {
        err.println(name + ": " + file + ": " + describe.apply(e));
        exit = 1;
      }
    }
    return exit;
  }
}
