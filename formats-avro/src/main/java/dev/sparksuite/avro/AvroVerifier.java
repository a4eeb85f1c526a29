package dev.sparksuite.avro;

import dev.sparksuite.lessonkit.Errors;
import dev.sparksuite.lessonkit.InspectionException;
import dev.sparksuite.lessonkit.InspectionReport.Verification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * {@code --verify} for Avro: decompresses every block (the snappy codec checks a CRC-32 of each)
 * and decodes the records its header announces, then requires that they used up the block's bytes
 * exactly: a count that does not match the data leaves bytes over, or runs out. And {@code --head}:
 * the first records as JSON, as avro-tools' {@code tojson} prints them.
 */
final class AvroVerifier {

  private AvroVerifier() {}

  static Verification verify(FileSystem fs, FileStatus file, AvroFileReport report)
      throws IOException, InspectionException {
    long decoded = 0;
    int block = 0;
    try (FSDataInputStream in = fs.open(file.getPath());
        DataFileStream<Object> blocks = new DataFileStream<>(in, new GenericDatumReader<>())) {
      GenericDatumReader<Object> records = new GenericDatumReader<>(blocks.getSchema());
      BinaryDecoder decoder = null;
      Object reuse = null;
      while (true) {
        long count;
        ByteBuffer data;
        try {
          if (!blocks.hasNext()) {
            break;
          }
          count = blocks.getBlockCount();
          data = blocks.nextBlock();
        } catch (RuntimeException | IOException e) {
          throw corrupt(block, e);
        }
        decoder =
            DecoderFactory.get()
                .binaryDecoder(
                    data.array(), data.arrayOffset() + data.position(), data.remaining(), decoder);
        try {
          for (long i = 0; i < count; i++) {
            reuse = records.read(reuse, decoder);
          }
        } catch (RuntimeException | IOException e) {
          throw corrupt(block, e);
        }
        if (!decoder.isEnd()) {
          throw new InspectionException(
              String.format(
                  "corrupt: block %d: bytes are left after the %,d records its header announces",
                  block, count));
        }
        decoded += count;
        block++;
      }
    }
    if (block != report.blocks().size() || decoded != report.rows()) {
      throw new InspectionException(
          String.format(
              "corrupt: the block headers say %,d records in %,d blocks;"
                  + " %,d were decoded from %,d",
              report.rows(), report.blocks().size(), decoded, block));
    }
    return new Verification(decoded, "every block's bytes used up by its records");
  }

  /** The first {@code records} records, one JSON document a line, in Avro's JSON encoding. */
  static String head(FileSystem fs, FileStatus file, int records) throws IOException {
    StringBuilder out = new StringBuilder();
    try (FSDataInputStream in = fs.open(file.getPath());
        DataFileStream<Object> stream = new DataFileStream<>(in, new GenericDatumReader<>())) {
      Schema schema = stream.getSchema();
      GenericDatumWriter<Object> writer = new GenericDatumWriter<>(schema);
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      JsonEncoder json = EncoderFactory.get().jsonEncoder(schema, line);
      for (int i = 0; i < records && stream.hasNext(); i++) {
        line.reset();
        writer.write(stream.next(), json);
        json.flush();
        out.append(line.toString(StandardCharsets.UTF_8).strip()).append('\n');
      }
    }
    return out.toString();
  }

  private static InspectionException corrupt(int block, Exception e) {
    Throwable root = Errors.rootCause(e);
    String message =
        root.getClass().getSimpleName()
            + (root.getMessage() == null ? "" : ": " + root.getMessage());
    return new InspectionException(
        "corrupt: block " + block + ": " + message.lines().findFirst().orElse(message), e);
  }
}
