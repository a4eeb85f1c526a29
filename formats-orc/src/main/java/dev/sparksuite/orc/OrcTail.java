package dev.sparksuite.orc;

import dev.sparksuite.lessonkit.InspectionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.orc.OrcProto;

/**
 * The frame of an ORC file, checked before orc-core parses it, so a bad file is named for what it
 * is. A file is {@code ORC}, the stripes, the encrypted columns' stripe statistics (only in a file
 * with encrypted columns), the metadata, the footer, the postscript and one byte giving the
 * postscript's length; the postscript gives the lengths of the footer, the metadata and the
 * encrypted stripe statistics and, since Hive 0.12, ends with {@code ORC} too.
 */
final class OrcTail {

  private OrcTail() {}

  static void check(FileSystem fs, FileStatus file) throws IOException, InspectionException {
    long length = file.getLen();
    if (length == 0) {
      throw new InspectionException("empty file: 0 bytes");
    }
    try (FSDataInputStream in = fs.open(file.getPath())) {
      byte[] head = new byte[(int) Math.min(3, length)];
      in.readFully(0, head);
      if (!new String(head, StandardCharsets.US_ASCII).equals("ORC")) {
        throw new InspectionException("not an ORC file: no ORC magic at the head");
      }
      byte[] last = new byte[1];
      in.readFully(length - 1, last);
      int postscriptLength = last[0] & 0xff;
      if (postscriptLength + 1 > length - 3) {
        throw new InspectionException(
            "truncated: postscript length points before the start of the file");
      }
      byte[] postscript = new byte[postscriptLength];
      in.readFully(length - 1 - postscriptLength, postscript);
      OrcProto.PostScript ps;
      try {
        ps = OrcProto.PostScript.parseFrom(postscript);
      } catch (IOException notAPostscript) {
        throw new InspectionException("truncated: no ORC postscript at the end");
      }
      boolean magic =
          postscriptLength >= 3
              && new String(
                      Arrays.copyOfRange(postscript, postscriptLength - 3, postscriptLength),
                      StandardCharsets.US_ASCII)
                  .equals("ORC");
      // Files from Hive 0.11 have no magic in the postscript; a parsed one must still give a
      // footer.
      if (!magic && (!ps.hasFooterLength() || ps.getFooterLength() == 0)) {
        throw new InspectionException("truncated: no ORC postscript at the end");
      }
      long tail =
          ps.getFooterLength()
              + ps.getMetadataLength()
              + ps.getStripeStatisticsLength()
              + postscriptLength
              + 1;
      if (tail > length - 3) {
        throw new InspectionException(
            "truncated: footer length points before the start of the file");
      }
    }
  }
}
