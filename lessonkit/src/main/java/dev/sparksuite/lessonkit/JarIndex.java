package dev.sparksuite.lessonkit;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What a format jar's {@code Main-Class} (its {@code *Driver}) runs: with no class ({@code
 * spark-submit formats-orc.jar}), it prints what the jar holds, one line per lesson and tool, and
 * the command that runs one; run with a name first ({@code spark-submit formats-orc.jar
 * OrcWriteReadExample /tmp/out}), it runs that class's {@code main} with the remaining arguments.
 * So a jar found on a cluster explains itself.
 *
 * <p>Run with {@code --all <output-root>}, it runs every lesson whose one argument is its output
 * directory, in the index's order, each into {@code <output-root>/<Class>}: one {@code
 * spark-submit} for the whole course. The lessons share this driver JVM (its system properties,
 * Hadoop's file-system cache, the libraries' static state), and the lessons on the default session
 * share one application, each on a session of its own (see {@link Lesson#run(Lesson.Mode, String[],
 * Class, Lesson.Body)}); a lesson that builds its own session gets an application of its own. A
 * failed lesson does not stop the ones after it; the run ends with one line per lesson and exits 1
 * if any failed.
 */
public final class JarIndex {

  /**
   * A runnable class of the jar: its arguments and what it teaches or does, in one line each; for a
   * lesson that takes only its output directory, its {@link Lesson.Teach} too, which {@code --all}
   * runs.
   */
  public record Entry(Class<?> type, String arguments, String summary, Lesson.Teach teach) {

    /** A tool, or a lesson that takes more than its output directory: run alone, by its main. */
    public Entry(Class<?> type, String arguments, String summary) {
      this(type, arguments, summary, null);
    }

    /** A lesson that takes only its output directory. */
    public Entry(Class<?> type, Lesson.Teach teach, String summary) {
      this(type, OUTPUT_DIR, summary, Objects.requireNonNull(teach));
    }
  }

  /** The arguments of a lesson that needs nothing but its output directory. */
  public static final String OUTPUT_DIR = "<output-dir>";

  private final String jar;
  private final List<Entry> lessons;
  private final List<Entry> tools;

  public JarIndex(String jar, List<Entry> lessons, List<Entry> tools) {
    for (Entry lesson : lessons) {
      if (lesson.arguments().equals(OUTPUT_DIR) && lesson.teach() == null) {
        throw new IllegalArgumentException(
            lesson.type().getSimpleName()
                + " takes only "
                + OUTPUT_DIR
                + ": --all needs its teach");
      }
    }
    for (Entry entry : Stream.concat(lessons.stream(), tools.stream()).toList()) {
      if (entry.teach() != null && !entry.arguments().equals(OUTPUT_DIR)) {
        throw new IllegalArgumentException(
            entry.type().getSimpleName()
                + " takes "
                + entry.arguments()
                + ": --all, which gives only "
                + OUTPUT_DIR
                + ", must not run it");
      }
    }
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
        .append("or every lesson taking only <output-dir>, each into <output-root>/<Class>, with\n")
        .append("  spark-submit ")
        .append(jar)
        .append(" --all <output-root>\n")
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
    if (entries.isEmpty()) {
      return;
    }
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
   *
   * <p>{@code --classes} prints the simple name of every class the index names, one per line, for
   * scripts. {@code --into <output-root> <Class> [arguments]} runs the class with {@code
   * <output-root>/<Class>} where its arguments take {@code <output-dir>}, the given arguments
   * filling the others in order: the one place that knows where each class wants its directory.
   */
  public int run(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("--help")) {
      System.out.print(render());
      return 0;
    }
    if (args[0].equals("--all")) {
      return runAll(args);
    }
    if (args[0].equals("--classes")) {
      entries().forEach(e -> System.out.println(e.type().getSimpleName()));
      return 0;
    }
    boolean into = args[0].equals("--into");
    if (into && args.length < 3) {
      System.err.println(
          "usage: spark-submit " + jar + " --into <output-root> <Class> [arguments]");
      return 2;
    }
    String[] call = into ? Arrays.copyOfRange(args, 2, args.length) : args;
    Optional<Entry> entry = entry(call[0]);
    if (entry.isEmpty()) {
      System.err.println(
          jar
              + ": no lesson or tool named "
              + call[0]
              + ": run the jar with no arguments for the list");
      return 2;
    }
    String[] classArgs = Arrays.copyOfRange(call, 1, call.length);
    if (into) {
      String output = child(new Path(args[1]), entry.get().type().getSimpleName());
      try {
        classArgs = withOutputDirectory(entry.get(), output, classArgs);
      } catch (IllegalArgumentException e) {
        System.err.println(jar + ": " + e.getMessage());
        return 2;
      }
      if (!Arrays.asList(classArgs).contains(output)) {
        System.err.println(jar + ": " + call[0] + " takes no <output-dir>; it runs as given");
      } else {
        System.err.println(jar + ": " + call[0] + " writes to " + output);
      }
    }
    Method main = entry.get().type().getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) classArgs);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
    return 0;
  }

  /**
   * The class's arguments with {@code output} where its index entry says {@code <output-dir>}, the
   * given ones in the other places, in order; unchanged if it takes no output directory. Fewer
   * given arguments than stand before {@code <output-dir>} is a usage error: the directory would
   * land in another argument's place.
   */
  static String[] withOutputDirectory(Entry entry, String output, String[] given) {
    List<String> placeholders = List.of(entry.arguments().split(" "));
    int at = placeholders.indexOf(OUTPUT_DIR);
    if (at < 0) {
      return given;
    }
    if (given.length < at) {
      throw new IllegalArgumentException(
          entry.type().getSimpleName()
              + " takes "
              + entry.arguments()
              + ": give "
              + String.join(" ", placeholders.subList(0, at))
              + " (the output directory is added)");
    }
    List<String> args = new ArrayList<>(List.of(given));
    args.add(at, output);
    return args.toArray(String[]::new);
  }

  /** {@code --all <output-root>}: every lesson taking only its output directory, in order. */
  private int runAll(String[] args) {
    if (args.length != 2 || args[1].isBlank() || args[1].startsWith("-")) {
      System.err.println("usage: spark-submit " + jar + " --all <output-root>");
      return 2;
    }
    Path root;
    try {
      root = emptyDirectory(args[1], jar + " --all");
    } catch (Lesson.UsageException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    List<Entry> runnable = lessons.stream().filter(e -> e.teach() != null).toList();
    Lesson.Mode partOfThisRun = Lesson.Mode.partOf("spark-suite " + jar + " --all");
    List<String> report = new ArrayList<>();
    int failed = 0;
    long started = System.nanoTime();
    for (int i = 0; i < runnable.size(); i++) {
      Entry entry = runnable.get(i);
      Class<?> lesson = entry.type();
      String output = child(root, lesson.getSimpleName());
      // On both streams, so that Spark's log on stderr splits by lesson as the lessons' lines do.
      String banner =
          String.format(
              "=== lesson %d of %d: %s, output %s",
              i + 1, runnable.size(), lesson.getSimpleName(), output);
      System.out.println(banner);
      System.err.println(banner);
      long start = System.nanoTime();
      int code = teach(entry, partOfThisRun, output);
      if (code != 0) {
        failed++;
      }
      report.add(
          String.format(
              "  %-7s %-28s %6.1f s",
              code == 0 ? "passed" : "FAILED", lesson.getSimpleName(), seconds(start)));
    }
    Lesson.stopAnySession();
    String total =
        String.format(
            "=== %d of %d lessons passed in %.0f s",
            runnable.size() - failed, runnable.size(), seconds(started));
    System.out.println(total);
    // Ends the last lesson's part of stderr too.
    System.err.println(total);
    report.forEach(System.out::println);
    lessons.stream()
        .filter(e -> e.teach() == null)
        .forEach(
            e ->
                System.out.printf(
                    "  %-7s %-28s it takes %s: run it alone%n",
                    "skipped", e.type().getSimpleName(), e.arguments()));
    return failed == 0 ? 0 : 1;
  }

  /**
   * Runs a lesson as one of an {@code --all} run: in this JVM, its exit code returned. A lesson
   * that throws past {@code Lesson.run}, an {@code Error} included (a class missing from the jar,
   * memory), failed too, and the run goes on.
   */
  public static int teach(Entry lesson, Lesson.Mode mode, String... args) {
    if (lesson.teach() == null) {
      throw new IllegalArgumentException(
          lesson.type().getSimpleName() + " takes " + lesson.arguments() + ": it runs by its main");
    }
    try {
      return lesson.teach().run(mode, args);
    } catch (RuntimeException | Error e) {
      System.err.println(lesson.type().getSimpleName() + " failed: " + Errors.oneLine(e));
      return 1;
    }
  }

  /** The entry of the class named by its simple or full name. */
  public Optional<Entry> entry(String name) {
    return entries().stream()
        .filter(e -> e.type().getSimpleName().equals(name) || e.type().getName().equals(name))
        .findFirst();
  }

  /**
   * A lesson's output directory under the root, as its argument: a local one as a plain path (a
   * {@code file:} URI would need its spaces escaped), any other with its scheme.
   */
  private static String child(Path root, String name) {
    URI uri = root.toUri();
    return "file".equals(uri.getScheme())
        ? Paths.get(uri.getPath(), name).toString()
        : new Path(root, name).toString();
  }

  /**
   * The root of an {@code --all} run, checked as a lesson's output directory is, then created: it
   * must be new or empty, so that no earlier run's files are taken for this one's.
   */
  private static Path emptyDirectory(String argument, String user) {
    Configuration conf = new Configuration();
    Path root = Lesson.outputDirectory(argument, user, conf);
    // A private instance, as in Lesson: the lessons' cached one must carry Spark's configuration.
    try (FileSystem fs = FileSystem.newInstance(root.toUri(), conf)) {
      if (fs.exists(root) && fs.listStatus(root).length > 0) {
        throw new Lesson.UsageException(
            user + ": output directory " + root + " is not empty: give a new or an empty one");
      }
      if (!fs.mkdirs(root)) {
        throw new Lesson.UsageException(user + ": output directory " + root + " cannot be created");
      }
    } catch (IOException e) {
      throw new Lesson.UsageException(
          user + ": output directory " + root + " cannot be created: " + Errors.oneLine(e));
    }
    return root;
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
