package dev.sparksuite.docker;

import dev.sparksuite.testkit.Command;
import dev.sparksuite.testkit.Command.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Debian's {@code chromium} without a display: a page as a real browser renders it (after its
 * scripts ran), and a screenshot of it for a person to look at.
 */
final class HeadlessChromium {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  // No sandbox: the tests run as root, which Chromium's sandbox refuses. No GPU, no shared-memory
  // file system (small in containers), no background requests to Google's services.
  private static final List<String> FLAGS =
      List.of(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-background-networking",
          "--window-size=1280,1000",
          "--virtual-time-budget=3000");

  private HeadlessChromium() {}

  /** The page's DOM after rendering, as HTML. */
  static String render(String url) throws IOException, InterruptedException {
    Result result = run("--dump-dom", url);
    return result.stdout();
  }

  static void screenshot(String url, Path png) throws IOException, InterruptedException {
    Files.createDirectories(png.getParent());
    Files.deleteIfExists(png);
    run("--screenshot=" + png, url);
    if (!Files.isRegularFile(png)) {
      throw new IllegalStateException("chromium wrote no screenshot to " + png);
    }
  }

  private static Result run(String action, String url) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("chromium"));
    command.addAll(FLAGS);
    command.add(action);
    command.add(url);
    Result result;
    try {
      result = Command.run(command, Map.of(), TIMEOUT);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run chromium (apt-get install chromium): " + e.getMessage(), e);
    }
    if (result.exitCode() != 0) {
      throw new IllegalStateException("chromium failed on " + url + ":\n" + result.describe());
    }
    return result;
  }
}
