package dev.sparksuite.avro;

import dev.sparksuite.lessonkit.InspectionException;
import dev.sparksuite.lessonkit.InspectionReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * What an Avro data file's header and block headers say, without decoding a record: the codec, the
 * writer's schema, the sync marker, the user metadata (binary values as hex), and every block with
 * its offset, record count and size. What avro-tools' {@code getmeta}, {@code getschema} and {@code
 * count} show. Used by {@link AvroInspect}.
 */
public record AvroFileReport(
    String file,
    long bytes,
    String codec,
    String schemaJson,
    String syncMarker,
    long rows,
    Map<String, String> metadata,
    List<AvroBlocks.Block> blocks,
    List<Field> fields) {

  /** A top-level field of the record schema: its name and type. */
  public record Field(String name, String type) {}

  public static AvroFileReport read(FileSystem fs, FileStatus file, String name)
      throws IOException, InspectionException {
    AvroBlocks.Frame frame;
    try (FSDataInputStream in = fs.open(file.getPath())) {
      frame = AvroBlocks.read(in, file.getLen());
    }
    byte[] schemaBytes = frame.metadata().get("avro.schema");
    if (schemaBytes == null) {
      throw new InspectionException("corrupt header: no avro.schema entry");
    }
    Schema schema;
    try {
      schema =
          new Schema.Parser()
              .setValidateDefaults(false)
              .parse(new String(schemaBytes, StandardCharsets.UTF_8));
    } catch (SchemaParseException e) {
      throw new InspectionException(
          "corrupt header: the schema does not parse: " + e.getMessage(), e);
    }
    byte[] codec = frame.metadata().get("avro.codec");
    Map<String, String> metadata = new TreeMap<>();
    frame
        .metadata()
        .forEach(
            (key, value) -> {
              if (!key.equals("avro.schema") && !key.equals("avro.codec")) {
                metadata.put(key, InspectionReport.readable(value));
              }
            });
    List<Field> fields = new ArrayList<>();
    if (schema.getType() == Schema.Type.RECORD) {
      schema.getFields().forEach(f -> fields.add(new Field(f.name(), f.schema().toString())));
    }
    long rows = frame.blocks().stream().mapToLong(AvroBlocks.Block::rows).sum();
    return new AvroFileReport(
        name,
        file.getLen(),
        codec == null ? "null" : new String(codec, StandardCharsets.UTF_8),
        schema.toString(true),
        HexFormat.of().formatHex(frame.sync()),
        rows,
        metadata,
        frame.blocks(),
        fields);
  }

  /** The shared document: this report's facts under the keys every inspector uses. */
  public InspectionReport document() {
    return new InspectionReport(
        file,
        "avro",
        rows,
        bytes,
        codec,
        schemaJson,
        null,
        metadata,
        "block",
        blocks,
        fields,
        null);
  }

  public String render() {
    return render(document());
  }

  String render(InspectionReport document) {
    StringBuilder out = new StringBuilder(document.header());
    out.append("sync marker: ").append(syncMarker).append('\n');
    for (AvroBlocks.Block b : blocks) {
      out.append(
          String.format(
              "block %d: offset %,d, %,d records, %,d B%n",
              b.index(), b.offset(), b.rows(), b.bytes()));
    }
    out.append(document.verificationLine());
    return out.toString();
  }
}
