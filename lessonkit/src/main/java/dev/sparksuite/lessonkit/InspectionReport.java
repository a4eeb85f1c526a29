package dev.sparksuite.lessonkit;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What every inspector reports about one file, in one shape for Parquet, ORC and Avro: the text
 * report starts with these fields and {@code --json} prints exactly this record (see {@code
 * lessonkit/README.md} for the document, key by key).
 *
 * @param file the path as given, or as found under a directory argument
 * @param format {@code parquet}, {@code orc} or {@code avro}
 * @param rows rows the file's own metadata declares (footer, file tail, block headers)
 * @param bytes the file's length
 * @param compression the codec; several, comma-separated, where a Parquet file mixes them
 * @param schema the writer's schema in the format's own notation
 * @param writer what the file says wrote it (Parquet {@code created_by}, ORC software version, Avro
 *     has no such field: null)
 * @param metadata the user key-value metadata; a value that is not UTF-8 text is {@code 0x…} hex
 * @param unit what the file is cut into: {@code row group}, {@code stripe} or {@code block}
 * @param units one entry per unit, in file order; each starts with index, offset, rows, bytes
 * @param columns one entry per column; each starts with name and type
 * @param verified null unless {@code --verify} ran and passed
 */
public record InspectionReport(
    String file,
    String format,
    long rows,
    long bytes,
    String compression,
    String schema,
    String writer,
    Map<String, String> metadata,
    String unit,
    List<?> units,
    List<?> columns,
    Verification verified) {

  /**
   * What {@code --verify} decoded: every row of every unit, counted while decoding, which matched
   * {@code rows}; {@code checks} says what else was checked (page CRCs, bytes left over).
   */
  public record Verification(long rowsDecoded, String checks) {}

  public InspectionReport withVerification(Verification verification) {
    return new InspectionReport(
        file,
        format,
        rows,
        bytes,
        compression,
        schema,
        writer,
        metadata,
        unit,
        units,
        columns,
        verification);
  }

  /** The lines every text report starts with; the format's own sections follow. */
  public String header() {
    StringBuilder out = new StringBuilder();
    out.append("file:        ").append(file).append('\n');
    out.append("format:      ").append(format).append('\n');
    if (writer != null) {
      out.append("created by:  ").append(writer).append('\n');
    }
    out.append(String.format("rows:        %,d in %d %s(s)%n", rows, units.size(), unit));
    out.append(String.format("bytes:       %,d%n", bytes));
    out.append("compression: ").append(compression).append('\n');
    out.append("schema:\n");
    schema.lines().forEach(l -> out.append("  ").append(l).append('\n'));
    if (!metadata.isEmpty()) {
      out.append("metadata:\n");
      metadata.forEach(
          (k, v) ->
              out.append("  ")
                  .append(k)
                  .append(" = ")
                  .append(v.length() > 100 ? v.substring(0, 97) + "..." : v)
                  .append('\n'));
    }
    return out.toString();
  }

  /** The line {@code --verify} adds under a text report. */
  public String verificationLine() {
    return verified == null
        ? ""
        : String.format(
            "verified:    %,d rows decoded, as declared; %s%n",
            verified.rowsDecoded(), verified.checks());
  }

  /**
   * A metadata value as text where it is UTF-8 without control characters, else as {@code 0x} hex:
   * binary values (a serialized object, a hash) are shown byte for byte, not mangled.
   */
  public static String readable(byte[] value) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(value))
              .toString();
      if (text.chars()
          .noneMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r')) {
        return text;
      }
    } catch (CharacterCodingException binary) {
      // not text: shown as hex below
    }
    return "0x" + HexFormat.of().formatHex(value);
  }
}
