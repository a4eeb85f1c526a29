package dev.sparksuite.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link and {@code #anchor} in the repository's Markdown files resolves. Users follow
 * these links from GitHub to the lesson sources; renaming a class, a README or a heading breaks
 * them silently, so the build checks them. External links (http, https, mailto) are not followed:
 * tests have no network.
 */
class DocsLinksTest {

  private static final Set<String> SKIPPED_DIRECTORIES =
      Set.of("target", "node_modules", ".git", ".mvn");
  // A closing fence uses the opening fence's character, at least as many times.
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
  private static final Pattern CODE_SPAN = Pattern.compile("(`+).*?\\1");
  // [text](dest) and ![alt](dest), with an optional "title"; the text may hold one level of
  // [brackets].
  private static final Pattern INLINE_LINK =
      Pattern.compile(
          "!?\\[(?:[^\\[\\]]|\\[[^\\]]*\\])*\\]\\(\\s*(<[^>]*>|[^)\\s]+)(?:\\s+\"[^\"]*\")?\\s*\\)");
  // [id]: dest at the start of a line is a link too (reference style).
  private static final Pattern REFERENCE_DEFINITION =
      Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*(\\S+)");
  private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*$");
  private static final Pattern EXTERNAL =
      Pattern.compile("^(https?:|mailto:)", Pattern.CASE_INSENSITIVE);

  /** What one scan saw; {@code broken} holds "file:line: dest — reason" lines. */
  record Scan(int markdownFiles, int relativeLinks, List<String> broken) {}

  @Test
  void everyRelativeLinkAndAnchorInTheMarkdownFilesResolves() throws IOException {
    // Maven runs a module's tests in the module directory, testkit/.
    Path root = Paths.get("").toAbsolutePath().getParent();
    assertThat(root.resolve("pom.xml"))
        .as("the repository root holds the parent pom: %s", root)
        .isRegularFile();
    assertThat(root.resolve("README.md"))
        .as("the repository root holds README.md: %s", root)
        .isRegularFile();

    Scan scan = scan(root);
    System.out.printf(
        "DocsLinksTest: %d Markdown files, %d relative links checked%n",
        scan.markdownFiles(), scan.relativeLinks());

    // Floors well under today's counts (13 files, 127 links), so a scan that finds nothing cannot
    // pass.
    assertThat(scan.markdownFiles()).as("Markdown files found under %s", root).isGreaterThan(10);
    assertThat(scan.relativeLinks())
        .as("relative links found in %d Markdown files", scan.markdownFiles())
        .isGreaterThan(80);
    // One line per broken link, all of them, so one run shows everything to fix.
    assertThat(String.join("\n", scan.broken()))
        .as("broken links, file:line: dest — reason")
        .isEmpty();
  }

  @Test
  void theCheckerReportsAMissingFileAndAMissingAnchorButNotCodeOrExternalLinks(@TempDir Path dir)
      throws IOException {
    Files.writeString(
        dir.resolve("other.md"),
        "# Real heading\n## Notes\n## Notes\n## The `Foo` class — again\n");
    Files.writeString(
        dir.resolve("README.md"),
        String.join(
            "\n",
            "# Intro",
            "See [other](other.md#real-heading), [second notes](other.md#notes-1), [Foo](other.md#the-foo-class--again),",
            "and [the intro](#intro).",
            "A [missing file](nope.md) and [a missing anchor](other.md#no-such-heading).",
            "```",
            "[inside a fence](fenced.md)",
            "```",
            "Inline `[in code](code.md)`, [the web](https://example.org/x.md) and <https://example.org>.",
            ""));

    Scan scan = scan(dir);

    assertThat(scan.markdownFiles()).as("both files are scanned").isEqualTo(2);
    assertThat(scan.relativeLinks()).as("links outside code and not external").isEqualTo(6);
    assertThat(scan.broken())
        .as("exactly the two broken links, with file and line")
        .containsExactly(
            "README.md:4: nope.md — no such file or directory",
            "README.md:4: other.md#no-such-heading — no heading with anchor #no-such-heading in other.md");
  }

  private static Scan scan(Path root) throws IOException {
    List<Path> markdownFiles = markdownFiles(root);
    int relativeLinks = 0;
    List<String> broken = new ArrayList<>();
    for (Path file : markdownFiles) {
      List<String> lines = linesOutsideFences(file);
      for (int i = 0; i < lines.size(); i++) {
        for (String dest : destinations(CODE_SPAN.matcher(lines.get(i)).replaceAll(""))) {
          if (EXTERNAL.matcher(dest).find()) {
            continue;
          }
          relativeLinks++;
          String problem = problem(root, file, dest);
          if (problem != null) {
            broken.add(root.relativize(file) + ":" + (i + 1) + ": " + dest + " — " + problem);
          }
        }
      }
    }
    return new Scan(markdownFiles.size(), relativeLinks, broken);
  }

  private static List<Path> markdownFiles(Path root) throws IOException {
    List<Path> found = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            boolean skipped =
                !dir.equals(root) && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString());
            return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (file.getFileName().toString().endsWith(".md")) {
              found.add(file);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    found.sort(null);
    return found;
  }

  /**
   * The file's lines, those of fenced code blocks blanked: a link or heading in a code sample is
   * not one.
   */
  private static List<String> linesOutsideFences(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    String openFence = null;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      Matcher fence = FENCE.matcher(line);
      boolean isFence = fence.find();
      if (openFence == null && isFence) {
        openFence = fence.group(1);
        lines.add("");
      } else if (openFence != null) {
        if (isFence
            && fence.group(1).charAt(0) == openFence.charAt(0)
            && fence.group(1).length() >= openFence.length()) {
          openFence = null;
        }
        lines.add("");
      } else {
        lines.add(line);
      }
    }
    return lines;
  }

  private static List<String> destinations(String line) {
    List<String> found = new ArrayList<>();
    for (Pattern pattern : List.of(INLINE_LINK, REFERENCE_DEFINITION)) {
      Matcher link = pattern.matcher(line);
      while (link.find()) {
        String dest = link.group(1);
        found.add(dest.startsWith("<") ? dest.substring(1, dest.length() - 1) : dest);
      }
    }
    return found;
  }

  /** Why {@code dest}, linked from {@code file}, does not resolve; null if it does. */
  private static String problem(Path root, Path file, String dest) throws IOException {
    int hash = dest.indexOf('#');
    String path = decode(hash < 0 ? dest : dest.substring(0, hash));
    String anchor = hash < 0 ? "" : decode(dest.substring(hash + 1));
    // GitHub resolves /path from the repository root.
    Path target =
        path.isEmpty()
            ? file
            : (path.startsWith("/")
                    ? root.resolve(path.substring(1))
                    : file.getParent().resolve(path))
                .normalize();
    if (!target.startsWith(root)) {
      return "leaves the repository";
    }
    if (!Files.exists(target)) {
      return "no such file or directory";
    }
    // Anchors into source files (Foo.java#L10) name lines, not headings: GitHub checks those, we
    // cannot.
    if (!anchor.isEmpty()
        && target.toString().endsWith(".md")
        && !headingAnchors(target).contains(anchor)) {
      return "no heading with anchor #" + anchor + " in " + root.relativize(target);
    }
    return null;
  }

  private static String decode(String text) {
    // URLDecoder would turn '+' into a space; in a path it is a plus.
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** The anchors GitHub gives the file's headings: the slug, then slug-1, slug-2… for repeats. */
  private static Set<String> headingAnchors(Path markdownFile) throws IOException {
    Map<String, Integer> timesSeen = new HashMap<>();
    Set<String> anchors = new HashSet<>();
    for (String line : linesOutsideFences(markdownFile)) {
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        String slug = slug(heading.group(1));
        int seen = timesSeen.merge(slug, 1, Integer::sum) - 1;
        anchors.add(seen == 0 ? slug : slug + "-" + seen);
      }
    }
    return anchors;
  }

  /**
   * GitHub's rule on the rendered heading text: lower-case, keep letters, digits, space, - and _,
   * spaces to -.
   */
  private static String slug(String headingMarkdown) {
    String text =
        headingMarkdown.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replaceAll("<[^>]+>", "");
    return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }
}
