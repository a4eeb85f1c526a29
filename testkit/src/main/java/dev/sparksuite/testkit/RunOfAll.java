package dev.sparksuite.testkit;

import dev.sparksuite.testkit.Command.Result;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A format jar's {@code --all <output-root>} run ({@code spark-submit formats-orc.jar --all …}),
 * split by lesson: the jar prints a {@code === lesson i of n: <Class>, output <dir>} banner on
 * stdout and on stderr before each lesson, a {@code === k of n lessons passed} line on both after
 * the last, then a {@code passed}/{@code FAILED}/{@code skipped} line per lesson on stdout.
 */
public final class RunOfAll {

  private static final Pattern BANNER =
      Pattern.compile("=== lesson \\d+ of \\d+: (\\w+), output (.+)");

  /** A summary line: the verdict, the lesson, and its time unless it was skipped. */
  private static final Pattern VERDICT =
      Pattern.compile("  (passed|FAILED|skipped) +(\\w+)(?: +([\\d.,]+) s$)?.*");

  private final Result result;
  private final Map<String, String> outputs = new TreeMap<>();
  private final Map<String, String> verdicts = new TreeMap<>();
  private final Map<String, Double> seconds = new TreeMap<>();
  private final Map<String, String> stdout;
  private final Map<String, String> stderr;

  /** The run, from what it printed (through {@link #submit}, or any output of the same form). */
  public RunOfAll(Result result) {
    this.result = result;
    for (String line : result.stdout().lines().toList()) {
      Matcher verdict = VERDICT.matcher(line);
      if (verdict.matches()) {
        verdicts.put(verdict.group(2), verdict.group(1));
        if (verdict.group(3) != null) {
          // The jar formats its times in the JVM's locale: 12,5 in some.
          seconds.put(verdict.group(2), Double.parseDouble(verdict.group(3).replace(',', '.')));
        }
      }
    }
    this.stdout = sections(result.stdout());
    this.stderr = sections(result.stderr());
  }

  /** Runs this module's jar with {@code --all <root>} on {@code local[2]}. */
  public static RunOfAll submit(String root, Duration timeout)
      throws IOException, InterruptedException {
    return report(SparkSubmit.runJarLocal(List.of("--all", root), timeout));
  }

  /**
   * Runs this module's jar with {@code --all <root>} on {@code local[2]} with Spark's own defaults
   * (the lessons' test settings left out).
   */
  public static RunOfAll submitWithSparkDefaults(String root, Duration timeout)
      throws IOException, InterruptedException {
    return report(SparkSubmit.runJarLocal(List.of("--all", root), timeout, new String[0]));
  }

  private static RunOfAll report(Result result) {
    RunOfAll all = new RunOfAll(result);
    System.out.printf(
        "%s --all: exit %d in %d s; slowest lessons: %s%n",
        SparkSubmit.jar().getFileName(),
        result.exitCode(),
        result.elapsed().toSeconds(),
        all.slowestLessons(3));
    return all;
  }

  /**
   * The lessons that took longest, with their times from the run's last lines ({@code
   * BloomFilterExample 21.4 s, …}): where a faster suite would start.
   */
  public String slowestLessons(int count) {
    return seconds.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(count)
        .map(e -> String.format("%s %.1f s", e.getKey(), e.getValue()))
        .collect(Collectors.joining(", "));
  }

  /** What the run printed on stderr before the first lesson began. */
  public String stderrBeforeTheFirstLesson() {
    int banner = result.stderr().indexOf("=== lesson ");
    return banner < 0 ? result.stderr() : result.stderr().substring(0, banner);
  }

  public Result result() {
    return result;
  }

  /** {@code passed}, {@code FAILED} or {@code skipped}, from the run's last lines; null if none. */
  public String verdict(String lesson) {
    return verdicts.get(lesson);
  }

  /** Every lesson the run names in its last lines, with its verdict. */
  public Map<String, String> verdicts() {
    return Map.copyOf(verdicts);
  }

  /** The lesson's output directory, as its banner names it. */
  public String output(String lesson) {
    return outputs.get(lesson);
  }

  /** What the lesson printed: stdout from its banner to the next {@code ===} line. */
  public String stdout(String lesson) {
    return stdout.getOrDefault(lesson, "");
  }

  /** Spark's log while the lesson ran: stderr from its banner to the next {@code ===} line. */
  public String stderr(String lesson) {
    return stderr.getOrDefault(lesson, "");
  }

  private Map<String, String> sections(String text) {
    Map<String, String> sections = new TreeMap<>();
    String lesson = null;
    StringBuilder section = new StringBuilder();
    for (String line : text.lines().toList()) {
      Matcher banner = BANNER.matcher(line);
      if (banner.matches() || line.startsWith("=== ")) {
        if (lesson != null) {
          sections.put(lesson, section.toString());
        }
        lesson = banner.matches() ? banner.group(1) : null;
        if (lesson != null) {
          outputs.put(lesson, banner.group(2));
        }
        section = new StringBuilder();
      } else if (lesson != null) {
        section.append(line).append('\n');
      }
    }
    if (lesson != null) {
      sections.put(lesson, section.toString());
    }
    return sections;
  }
}
