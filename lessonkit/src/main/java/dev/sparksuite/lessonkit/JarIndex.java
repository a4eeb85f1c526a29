package dev.sparksuite.lessonkit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a format jar's {@code Main-Class} (its {@code *Driver}) runs: with no class ({@code
 * spark-submit formats-orc.jar}), it prints what the jar holds, one line per lesson and tool, and
 * the command that runs one; run with a name first ({@code spark-submit formats-orc.jar
 * OrcWriteReadExample /tmp/out}), it runs that class's {@code main} with the remaining arguments.
 * So a jar found on a cluster explains itself.
 */
public final class JarIndex {

  /** A runnable class of the jar: its arguments and what it teaches or does, in one line each. */
  public record Entry(Class<?> type, String arguments, String summary) {}

  private final String jar;
  private final List<Entry> lessons;
  private final List<Entry> tools;

  public JarIndex(String jar, List<Entry> lessons, List<Entry> tools) {
    this.jar = jar;
    this.lessons = List.copyOf(lessons);
    this.tools = List.copyOf(tools);
  }

  /** Every class the index names: lessons, then tools. */
  public List<Entry> entries() {
    return Stream.concat(lessons.stream(), tools.stream()).toList();
  }

  /** The index as printed: a header with the two ways to run a class, then lessons and tools. */
  public String render() {
    String pkg = lessons.get(0).type().getPackageName();
    StringBuilder out = new StringBuilder();
    out.append(jar)
        .append(": its lessons and tools. Run one with\n")
        .append("  spark-submit --class ")
        .append(pkg)
        .append(".<Class> ")
        .append(jar)
        .append(" <arguments>\n")
        .append("or\n")
        .append("  spark-submit ")
        .append(jar)
        .append(" <Class> <arguments>\n")
        .append("A lesson's <output-dir> is a local directory or an hdfs:// path.\n");
    int width =
        entries().stream()
                .mapToInt(e -> e.type().getSimpleName().length() + e.arguments().length())
                .max()
                .orElse(0)
            + 3;
    section(out, "lessons", lessons, width);
    section(out, "tools", tools, width);
    return out.toString();
  }

  private static void section(StringBuilder out, String title, List<Entry> entries, int width) {
    out.append('\n').append(title).append(":\n");
    for (Entry entry : entries) {
      String call = entry.type().getSimpleName() + " " + entry.arguments();
      out.append("  ")
          .append(call)
          .append(" ".repeat(width - call.length()))
          .append(entry.summary())
          .append('\n');
    }
  }

  /**
   * Prints the index (no arguments, exit 0) or runs the named class; an unknown name is one line
   * and exit code 2. The class's own {@code main} decides its exit code.
   */
  public int run(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("--help")) {
      System.out.print(render());
      return 0;
    }
    Optional<Entry> entry =
        entries().stream()
            .filter(
                e -> e.type().getSimpleName().equals(args[0]) || e.type().getName().equals(args[0]))
            .findFirst();
    if (entry.isEmpty()) {
      System.err.println(
          jar
              + ": no lesson or tool named "
              + args[0]
              + ": run the jar with no arguments for the list");
      return 2;
    }
    Method main = entry.get().type().getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
    return 0;
  }
}
