package dev.sparksuite.testkit;

import dev.sparksuite.lessonkit.JarIndex;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A module README's lesson table read side by side with its jar's index, which is the one source of
 * a lesson's number and title: a test compares the two, so a lesson added, moved or renamed in one
 * and not the other fails the build. Each row reads "N Class: title". The index is also checked
 * against the module's classes: every {@code *Example} has an entry, and every entry a test class
 * named after it.
 */
public final class LessonTables {

  /** A lesson row of a README table: "| 1 | write and read | [`WriteReadExample`](…) | …". */
  private static final Pattern ROW = Pattern.compile("^\\| (\\d+) \\| ([^|]+?) \\| \\[`(\\w+)`\\]");

  /** An index entry's summary that numbers a lesson: "lesson 1: write and read". */
  private static final Pattern NUMBERED = Pattern.compile("^lesson (\\d+): (.+)$");

  private LessonTables() {}

  /** The numbered rows of the README's lesson tables, in the README's order. */
  public static List<String> ofReadme(Path readme) throws IOException {
    List<String> rows = new ArrayList<>();
    for (String line : Files.readAllLines(readme)) {
      Matcher row = ROW.matcher(line);
      if (row.find()) {
        rows.add(row.group(1) + " " + row.group(3) + ": " + row.group(2));
      }
    }
    return rows;
  }

  /**
   * The {@code *Example} classes compiled into the index's package: each is a lesson, so each must
   * have an entry.
   */
  public static List<String> examplesInPackage(JarIndex index) throws IOException {
    Class<?> first = index.entries().get(0).type();
    Path pkg;
    try {
      pkg =
          Path.of(first.getProtectionDomain().getCodeSource().getLocation().toURI())
              .resolve(first.getPackageName().replace('.', '/'));
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    try (Stream<Path> files = Files.list(pkg)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith("Example.class"))
          .map(n -> n.substring(0, n.length() - ".class".length()))
          .sorted()
          .toList();
    }
  }

  /**
   * The classes of the index, lessons and tools, that have no test class named after them in their
   * package ({@code PredicatePushdownExample} → {@code PredicatePushdownExampleTest}): a lesson's
   * proof is one step from the lesson.
   */
  public static List<Class<?>> withoutATest(JarIndex index) {
    List<Class<?>> missing = new ArrayList<>();
    for (JarIndex.Entry entry : index.entries()) {
      try {
        Class.forName(entry.type().getName() + "Test", false, entry.type().getClassLoader());
      } catch (ClassNotFoundException e) {
        missing.add(entry.type());
      }
    }
    return missing;
  }

  /** The index's numbered lessons, in the index's order. */
  public static List<String> ofIndex(JarIndex index) {
    List<String> rows = new ArrayList<>();
    for (JarIndex.Entry entry : index.entries()) {
      Matcher numbered = NUMBERED.matcher(entry.summary());
      if (numbered.matches()) {
        rows.add(numbered.group(1) + " " + entry.type().getSimpleName() + ": " + numbered.group(2));
      }
    }
    return rows;
  }
}
