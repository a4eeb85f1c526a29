import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Prints how long the test tiers of {@code ./run-tests} took, per Maven module and per test class,
 * and whether the wall-clock targets were MET or MISSED.
 *
 * <p>Run from the project root once {@code ./run-tests} has run: {@code java tools/TestTimes.java
 * target/run-tests}. It reads {@code fast.log}, {@code fast.seconds}, {@code cluster.log}, {@code
 * cluster.seconds} and the optional {@code setup.seconds} in that directory, plus the test reports
 * under each module's {@code target}, and writes what it prints to {@code test-times.txt} there.
 * The targets are reported, never enforced: the exit code is 0 whatever the times, 2 when an input
 * is missing or malformed.
 */
public class TestTimes {

  /** One Maven invocation of {@code ./run-tests}: its files' prefix and its reports' directory. */
  record Tier(String key, String title, String reportDir, boolean onlyIts) {}

  /** A row of Maven's reactor summary; seconds is null when Maven printed no time (SKIPPED). */
  record Module(String name, String status, Double seconds) {}

  /** The root element of one TEST-*.xml report. */
  record TestClass(
      String module, String name, double seconds, int tests, int failed, String kind) {}

  /** An input that is missing or malformed: the message says which and how to get it. */
  static final class BadInput extends Exception {
    BadInput(String message) {
      super(message);
    }
  }

  // Failsafe alone writes failsafe-reports, so every class there is an integration test; the
  // cluster tier writes Surefire's and Failsafe's reports to one directory, so the name decides.
  static final Tier FAST =
      new Tier("fast", "fast tier (./mvnw -B verify)", "failsafe-reports", true);
  static final Tier CLUSTER = new Tier("cluster", "cluster tier", "cluster-tier-reports", false);

  static final long FAST_TARGET_SECONDS = 10 * 60;
  static final long ALL_TARGET_SECONDS = 25 * 60;

  /** Reports older than a tier's start by more than this are leftovers of an earlier run. */
  static final long STALE_SLACK_MILLIS = 60_000;

  static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");
  // "spark-suite testkit ..... SUCCESS [  8.123 s]" (after "[INFO] "); long names get no dots.
  static final Pattern REACTOR_ROW =
      Pattern.compile("(.+?) (?:\\.+ )?(SUCCESS|FAILURE|SKIPPED)(?: \\[ *([^\\]]+)\\])?\\s*");
  static final Pattern BUILD_RESULT = Pattern.compile("BUILD (SUCCESS|FAILURE)\\s*");
  // Maven's durations: "8.123 s", "04:41 min", "01:02 h" (hours:minutes), "1 d 01:02 h".
  static final Pattern DURATION = Pattern.compile("(?:(\\d+) d )?([\\d.]+)(?::(\\d+))? (s|min|h)");
  static final Pattern TESTSUITE = Pattern.compile("<testsuite\\b([^>]*)>");
  static final Pattern ATTRIBUTE = Pattern.compile("([\\w:.-]+)\\s*=\\s*[\"']([^\"']*)[\"']");

  public static void main(String[] args) throws IOException {
    // Print UTF-8 whatever the locale, so that the targets' less-or-equal sign survives.
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, UTF_8);
    String text;
    try {
      if (args.length != 1) {
        throw new BadInput("the run directory: java tools/TestTimes.java target/run-tests");
      }
      text = report(Path.of(args[0]));
    } catch (BadInput e) {
      System.err.println("test-times: " + e.getMessage());
      System.exit(2);
      return;
    }
    out.print(text);
    try {
      Files.writeString(Path.of(args[0], "test-times.txt"), text, UTF_8);
    } catch (IOException e) {
      System.err.println("test-times: could not write test-times.txt: " + e);
    }
  }

  /** The whole report: machine, both tiers, targets. */
  static String report(Path runDir) throws BadInput, IOException {
    if (!Files.isDirectory(runDir)) {
      throw new BadInput(runDir + ": run ./run-tests first, it creates this directory");
    }
    Long fast = tierSeconds(runDir, FAST);
    Long cluster = tierSeconds(runDir, CLUSTER);
    if (fast == null && cluster == null) {
      throw new BadInput(runDir.resolve("fast.log") + ": run ./run-tests to produce it");
    }
    Path setupFile = runDir.resolve("setup.seconds");
    Long setup = Files.exists(setupFile) ? readSeconds(setupFile) : null;
    StringBuilder out = new StringBuilder(machine()).append('\n');
    appendTier(out, runDir, FAST, fast);
    appendTier(out, runDir, CLUSTER, cluster);
    appendTargets(out, setup, fast, cluster);
    return out.toString();
  }

  /** A tier's wall-clock seconds, or null when it did not run: it left neither log nor seconds. */
  static Long tierSeconds(Path runDir, Tier tier) throws BadInput {
    Path log = runDir.resolve(tier.key() + ".log");
    Path seconds = runDir.resolve(tier.key() + ".seconds");
    if (!Files.exists(log) && !Files.exists(seconds)) {
      return null;
    }
    if (!Files.exists(log)) {
      throw new BadInput(log + ": rerun ./run-tests, it saves Maven's output there");
    }
    return readSeconds(seconds);
  }

  /** The one whole number a *.seconds file holds. */
  static long readSeconds(Path file) throws BadInput {
    try {
      return Long.parseLong(Files.readString(file).trim());
    } catch (NoSuchFileException e) {
      throw new BadInput(file + ": rerun ./run-tests, it writes the seconds there");
    } catch (IOException | NumberFormatException e) {
      throw new BadInput("a whole number of seconds in " + file + ": rerun ./run-tests");
    }
  }

  /** "machine: 2 cores, 7.6 GiB memory, Java 17.0.15, 2025-12-07 08:12 UTC". */
  static String machine() {
    String memory = "";
    try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
      memory =
          lines
              .filter(line -> line.startsWith("MemTotal:"))
              .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / (1024.0 * 1024.0))
              .map(gib -> String.format(Locale.ROOT, ", %.1f GiB memory", gib))
              .findFirst()
              .orElse("");
    } catch (IOException | RuntimeException e) {
      // Not Linux, or no /proc: the line simply leaves the memory out.
    }
    String now =
        ZonedDateTime.now(ZoneOffset.UTC)
            .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT));
    return String.format(
        Locale.ROOT,
        "machine: %d cores%s, Java %s, %s",
        Runtime.getRuntime().availableProcessors(),
        memory,
        System.getProperty("java.version"),
        now);
  }

  /** A tier's wall clock, its modules and its test classes; seconds is null if it did not run. */
  static void appendTier(StringBuilder out, Path runDir, Tier tier, Long seconds)
      throws IOException {
    out.append('\n').append(tier.title()).append(": ");
    if (seconds == null) {
      out.append("not run\n  modules: not run\n  test classes: not run\n");
      return;
    }
    Path log = runDir.resolve(tier.key() + ".log");
    out.append(clock(seconds)).append(" wall clock, Maven's output in ").append(log).append('\n');

    out.append("  modules, as Maven timed them\n");
    List<String[]> rows = new ArrayList<>();
    for (Module module : parseLog(log)) {
      String time = module.seconds() == null ? "-" : clock(module.seconds());
      rows.add(new String[] {module.name(), time, module.status()});
    }
    if (rows.isEmpty()) {
      out.append("    none: the log has no reactor summary (did Maven stop early?)\n");
    }
    appendTable(out, "    ", "lrl", rows);

    // verify without clean leaves earlier runs' reports in place: keep those this tier wrote.
    long startMillis =
        Files.getLastModifiedTime(log).toMillis() - seconds * 1000 - STALE_SLACK_MILLIS;
    List<TestClass> classes = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    int stale = 0;
    for (Path report : findReports(tier.reportDir())) {
      if (Files.getLastModifiedTime(report).toMillis() < startMillis) {
        stale++;
      } else {
        TestClass testClass = readReport(report, tier);
        if (testClass == null) {
          notes.add("skipped " + report + ": no <testsuite> element");
        } else {
          classes.add(testClass);
        }
      }
    }
    if (stale > 0) {
      notes.add("ignored " + stale + " report(s) older than this tier's run");
    }
    appendClasses(out, tier, classes, notes);
  }

  /** The tier's test classes, slowest first, then what was left out and why. */
  static void appendClasses(
      StringBuilder out, Tier tier, List<TestClass> classes, List<String> notes) {
    out.append("  test classes, from */target/")
        .append(tier.reportDir())
        .append("/TEST-*.xml, slowest first\n");
    classes.sort(
        Comparator.comparingDouble(TestClass::seconds).reversed().thenComparing(TestClass::name));
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"module", "class", "seconds", "tests", "failed", "kind"});
    for (TestClass c : classes) {
      String seconds = String.format(Locale.ROOT, "%.1f", c.seconds());
      String failed = c.failed() == 0 ? "" : String.valueOf(c.failed());
      rows.add(new String[] {c.module(), c.name(), seconds, "" + c.tests(), failed, c.kind()});
    }
    if (classes.isEmpty()) {
      out.append("    none found\n");
    } else {
      appendTable(out, "    ", "llrrrl", rows);
    }
    for (String note : notes) {
      out.append("    (").append(note).append(")\n");
    }
  }

  /**
   * The reactor summary's rows. Lines are read after their "[INFO] ", so that colors, timestamps
   * or thread names before it do not matter.
   */
  static List<Module> parseLog(Path log) throws IOException {
    List<Module> modules = new ArrayList<>();
    boolean inSummary = false;
    // Decoded leniently: a test's stray bytes in the log must not stop the report.
    for (String raw : new String(Files.readAllBytes(log), UTF_8).split("\\R")) {
      String line = ANSI.matcher(raw).replaceAll("");
      int info = line.indexOf("[INFO] ");
      if (info < 0) {
        continue;
      }
      line = line.substring(info + "[INFO] ".length());
      Matcher m;
      if (line.startsWith("Reactor Summary")) {
        inSummary = true;
      } else if (BUILD_RESULT.matcher(line).matches()) {
        // Ends the summary; tested first, as "BUILD FAILURE" would pass for a module's row.
        inSummary = false;
      } else if (inSummary && (m = REACTOR_ROW.matcher(line)).matches()) {
        Double seconds = m.group(3) == null ? null : parseDuration(m.group(3));
        modules.add(new Module(m.group(1), m.group(2), seconds));
      }
    }
    return modules;
  }

  /** Seconds in one of Maven's durations, or null for a format this does not know. */
  static Double parseDuration(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      return null;
    }
    double days = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
    double first = Double.parseDouble(m.group(2));
    double second = m.group(3) == null ? 0 : Long.parseLong(m.group(3));
    switch (m.group(4)) {
      case "s":
        return first;
      case "min":
        return first * 60 + second;
      default: // "h": hours and minutes
        return days * 86400 + first * 3600 + second * 60;
    }
  }

  /** The TEST-*.xml files in {@code <module>/target/<reportDir>} of every top-level directory. */
  static List<Path> findReports(String reportDir) throws IOException {
    List<Path> reports = new ArrayList<>();
    // Path.of("") lists the working directory with paths relative to it: "docker/target/...".
    try (DirectoryStream<Path> modules = Files.newDirectoryStream(Path.of(""))) {
      for (Path module : modules) {
        Path dir = module.resolve("target").resolve(reportDir);
        if (Files.isDirectory(dir)) {
          try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "TEST-*.xml")) {
            files.forEach(reports::add);
          }
        }
      }
    }
    return reports;
  }

  /**
   * The class a report is about, from its root element's attributes, or null if it has none. A
   * regular expression on the file's head rather than a DOM: reports can hold megabytes of test
   * output after the root element, and one a killed fork cut short is still worth its time.
   */
  static TestClass readReport(Path report, Tier tier) throws IOException {
    char[] head = new char[64 * 1024];
    int length;
    try (InputStream in = Files.newInputStream(report);
        Reader reader = new InputStreamReader(in, UTF_8)) {
      length = Math.max(0, reader.read(head, 0, head.length));
    }
    Matcher root = TESTSUITE.matcher(new String(head, 0, length));
    if (!root.find()) {
      return null;
    }
    Map<String, String> attributes = new HashMap<>();
    Matcher attribute = ATTRIBUTE.matcher(root.group(1));
    while (attribute.find()) {
      attributes.put(attribute.group(1), attribute.group(2));
    }
    String name = attributes.getOrDefault("name", report.getFileName().toString());
    String simpleName = name.substring(name.lastIndexOf('.') + 1);
    String module = report.getName(0).toString();
    String kind = tier.onlyIts() || simpleName.endsWith("IT") ? "IT" : "unit";
    return new TestClass(
        module,
        simpleName,
        number(attributes.get("time")),
        (int) number(attributes.get("tests")),
        (int) (number(attributes.get("failures")) + number(attributes.get("errors"))),
        kind);
  }

  /** An attribute's number; some Surefire versions write "1,234.5", with a thousands separator. */
  static double number(String value) {
    try {
      return value == null ? 0 : Double.parseDouble(value.replace(",", "").trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The two targets; the whole run counts setup.seconds too, when ./run-tests wrote it. */
  static void appendTargets(StringBuilder out, Long setup, Long fast, Long cluster) {
    Long total =
        fast == null || cluster == null ? null : fast + cluster + (setup == null ? 0 : setup);
    String sum =
        (setup == null ? "" : "setup " + clock(setup) + " + ")
            + ("fast " + (fast == null ? "not run" : clock(fast)))
            + (" + cluster " + (cluster == null ? "not run" : clock(cluster)));
    List<String[]> rows = new ArrayList<>();
    rows.add(target("fast tier (./mvnw -B verify)", FAST_TARGET_SECONDS, fast, ""));
    rows.add(target("everything (./run-tests)", ALL_TARGET_SECONDS, total, sum));
    out.append('\n');
    appendTable(out, "", "llllrll", rows);
  }

  /** A target's row: took is null when a tier it needs did not run. */
  static String[] target(String what, long limit, Long took, String note) {
    String verdict = took == null ? "not run" : took <= limit ? "MET" : "MISSED";
    String time = took == null ? "-" : clock(took);
    return new String[] {"target", what, "\u2264 " + clock(limit), "took", time, verdict, note};
  }

  /** Minutes and seconds, "8:42"; minutes go past 59 rather than into hours. */
  static String clock(double seconds) {
    long rounded = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d", rounded / 60, rounded % 60);
  }

  /** Appends rows as columns two spaces apart, each left- or right-aligned as align says. */
  static void appendTable(StringBuilder out, String indent, String align, List<String[]> rows) {
    int[] widths = new int[align.length()];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < row.length; i++) {
        String padding = " ".repeat(widths[i] - row[i].length());
        line.append(align.charAt(i) == 'r' ? padding + row[i] : row[i] + padding).append("  ");
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }
}
