package dev.sparksuite.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the three inspectors' tests share: the inspector run in the test JVM with its stdout and
 * stderr captured, and the {@code --json} output read back as the one document every inspector
 * prints, whose keys and their order {@code lessonkit/README.md} documents.
 */
public abstract class InspectorTestBase extends SparkTestBase {

  /** The shared document's keys, in the order the README lists them. */
  private static final List<String> DOCUMENT_KEYS =
      List.of(
          "file",
          "format",
          "rows",
          "bytes",
          "compression",
          "schema",
          "writer",
          "metadata",
          "unit",
          "units",
          "columns",
          "verified");

  protected static final ObjectMapper JSON = new ObjectMapper();

  protected final ByteArrayOutputStream out = new ByteArrayOutputStream();
  protected final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** The inspector's program without {@code System.exit}, e.g. {@code ParquetInspect.run}. */
  protected abstract int run(String[] args, PrintStream out, PrintStream err);

  /** Runs the inspector; what it printed is added to {@link #out} and {@link #err}. */
  protected int inspect(String... args) {
    return run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  protected static String text(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /**
   * What {@code --json} printed, one document per line, each checked to carry exactly the shared
   * keys in the documented order.
   */
  protected List<JsonNode> jsonDocuments() throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    for (String line : text(out).lines().toList()) {
      JsonNode document = JSON.readTree(line);
      List<String> keys = new ArrayList<>();
      document.fieldNames().forEachRemaining(keys::add);
      assertThat(keys).as("the keys of %s", line).containsExactlyElementsOf(DOCUMENT_KEYS);
      documents.add(document);
    }
    return documents;
  }
}
