package dev.sparksuite.parquet;

import dev.sparksuite.lessonkit.InspectionException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * The frame of a Parquet file, checked before parquet-hadoop parses it, so a bad file is named for
 * what it is. A file is {@code PAR1}, the row groups, the footer, the footer's length (4 bytes,
 * little-endian) and {@code PAR1} again; with an encrypted footer both magics are {@code PARE}.
 */
final class ParquetTail {

  static final String MAGIC = "PAR1";
  static final String ENCRYPTED_MAGIC = "PARE";

  private ParquetTail() {}

  /**
   * Throws, in one line, for a file that is empty, not Parquet, cut short or has an encrypted
   * footer.
   */
  static void check(InputFile file) throws IOException, InspectionException {
    long length = file.getLength();
    if (length == 0) {
      throw new InspectionException("empty file: 0 bytes");
    }
    try (SeekableInputStream in = file.newStream()) {
      String head = magic(in, 0, length);
      if (!head.equals(MAGIC) && !head.equals(ENCRYPTED_MAGIC)) {
        throw new InspectionException("not a Parquet file: no PAR1 magic at the head");
      }
      if (length < 12) {
        throw new InspectionException("truncated: " + length + " bytes, too short for a footer");
      }
      String tail = magic(in, length - 4, length);
      if (!tail.equals(MAGIC) && !tail.equals(ENCRYPTED_MAGIC)) {
        throw new InspectionException("truncated: no PAR1 magic at the end, so no footer");
      }
      byte[] footerLength = new byte[4];
      in.seek(length - 8);
      in.readFully(footerLength);
      long footerStart =
          length
              - 8
              - Integer.toUnsignedLong(
                  ByteBuffer.wrap(footerLength).order(ByteOrder.LITTLE_ENDIAN).getInt());
      if (footerStart < 4) {
        throw new InspectionException(
            "truncated: footer length points before the start of the file");
      }
      if (tail.equals(ENCRYPTED_MAGIC)) {
        throw new InspectionException("encrypted footer: keys needed");
      }
    }
  }

  private static String magic(SeekableInputStream in, long at, long length) throws IOException {
    byte[] magic = new byte[(int) Math.min(4, length - at)];
    in.seek(at);
    in.readFully(magic);
    return new String(magic, StandardCharsets.US_ASCII);
  }
}
