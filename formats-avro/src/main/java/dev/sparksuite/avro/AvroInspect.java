package dev.sparksuite.avro;

import dev.sparksuite.lessons.InspectorCli;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericRecord;

/**
 * Prints what an Avro data file holds, without Spark: the writer's schema as JSON, the codec,
 * other header metadata, the number of blocks and records. Counting decodes every record, so a
 * damaged block is found.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.avro.AvroInspect formats-avro/target/formats-avro.jar
 * <file.avro>…} (no SparkSession is started).
 *
 * <p>Exit codes: 0 all files fine, 1 a file is missing, not Avro or corrupt (one line naming it),
 * 2 bad usage.
 */
public final class AvroInspect {

  static final String USAGE = "usage: AvroInspect <file.avro>...";

  private AvroInspect() {}

  /** What one file holds. */
  public record Report(String file, String schemaJson, String codec, List<String> metadata, long blocks,
      long records) {

    String render() {
      StringBuilder text = new StringBuilder();
      text.append("file:     ").append(file).append('\n');
      text.append("codec:    ").append(codec).append('\n');
      text.append(String.format("records:  %,d in %,d block(s)%n", records, blocks));
      metadata.forEach(m -> text.append("metadata: ").append(m).append('\n'));
      text.append("schema:\n").append(schemaJson).append('\n');
      return text.toString();
    }
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    return InspectorCli.run("avro-inspect", USAGE, args, out, err, file -> inspect(file).render(), AvroInspect::describe);
  }

  public static Report inspect(Path file) throws IOException {
    try (DataFileReader<GenericRecord> reader = AvroFiles.open(file)) {
      String codec = reader.getMetaString("avro.codec");
      List<String> metadata = new ArrayList<>();
      for (String key : reader.getMetaKeys()) {
        if (!key.equals("avro.schema") && !key.equals("avro.codec")) {
          metadata.add(key + " = " + reader.getMetaString(key));
        }
      }
      long blocks = 0;
      long records = 0;
      long blockStart = -1;
      GenericRecord reuse = null;
      while (reader.hasNext()) {
        reuse = reader.next(reuse);
        records++;
        // Each block ends with the file's sync marker; a new marker position means a new block.
        if (reader.previousSync() != blockStart) {
          blockStart = reader.previousSync();
          blocks++;
        }
      }
      return new Report(file.toString(), reader.getSchema().toString(true), codec == null ? "null" : codec,
          metadata, blocks, records);
    }
  }

  static String describe(Throwable e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("Not an Avro data file") || message.contains("Not a data file")) {
      return "not an Avro data file (" + firstLine(message) + ")";
    }
    return "corrupt or unreadable (" + firstLine(e.getClass().getSimpleName() + ": " + message) + ")";
  }

  private static String firstLine(String text) {
    return text.lines().findFirst().orElse(text);
  }
}
