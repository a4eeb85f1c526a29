package dev.sparksuite.avro;

import dev.sparksuite.lessonkit.InspectionException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FSDataInputStream;

/**
 * The frame of an Avro object container file, read from its headers alone (nothing is decompressed
 * or decoded): {@code Obj\1}, the metadata map, the 16-byte sync marker, then blocks, each a record
 * count, a byte size, that many bytes of (compressed) records and the sync marker again. The counts
 * are the file's own: what avro-tools' {@code count} adds up.
 */
final class AvroBlocks {

  /** One block: where its header starts, its records, the bytes of its (compressed) data. */
  record Block(int index, long offset, long rows, long bytes) {}

  /** The header's metadata, raw, the sync marker, and every block. */
  record Frame(Map<String, byte[]> metadata, byte[] sync, List<Block> blocks) {}

  private static final byte[] MAGIC = {'O', 'b', 'j', 1};

  private AvroBlocks() {}

  static Frame read(FSDataInputStream in, long length) throws IOException, InspectionException {
    if (length == 0) {
      throw new InspectionException("empty file: 0 bytes");
    }
    byte[] magic = new byte[(int) Math.min(4, length)];
    in.readFully(0, magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new InspectionException("not an Avro data file: no Obj1 magic at the head");
    }
    in.seek(4);
    Map<String, byte[]> metadata = new LinkedHashMap<>();
    byte[] sync = new byte[16];
    try {
      for (long entries = readLong(in); entries != 0; entries = readLong(in)) {
        if (entries < 0) {
          entries = -entries;
          readLong(in); // a negative count is followed by the entries' size in bytes
        }
        for (long i = 0; i < entries; i++) {
          String key = new String(readBytes(in, length), StandardCharsets.UTF_8);
          metadata.put(key, readBytes(in, length));
        }
      }
      in.readFully(sync);
    } catch (EOFException e) {
      throw new InspectionException("truncated: the header ends before its sync marker");
    }
    List<Block> blocks = new ArrayList<>();
    while (in.getPos() < length) {
      long offset = in.getPos();
      String where = "block " + blocks.size() + " at offset " + offset;
      long rows;
      long bytes;
      try {
        rows = readLong(in);
        bytes = readLong(in);
      } catch (EOFException e) {
        throw new InspectionException("truncated: " + where + ": the file ends inside its header");
      }
      if (rows < 0 || bytes < 0) {
        throw new InspectionException("corrupt: " + where + ": negative record count or size");
      }
      long end = in.getPos() + bytes + sync.length;
      if (end > length) {
        throw new InspectionException(
            String.format(
                "truncated: %s: its %,d bytes and sync marker end at %,d," + " the file at %,d",
                where, bytes, end, length));
      }
      byte[] marker = new byte[sync.length];
      in.readFully(end - sync.length, marker);
      if (!Arrays.equals(marker, sync)) {
        throw new InspectionException(
            "corrupt: " + where + ": it does not end with the file's sync marker");
      }
      in.seek(end);
      blocks.add(new Block(blocks.size(), offset, rows, bytes));
    }
    return new Frame(metadata, sync, blocks);
  }

  /** Avro's long: a zig-zag varint. */
  private static long readLong(FSDataInputStream in) throws IOException {
    long raw = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException();
      }
      raw |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return (raw >>> 1) ^ -(raw & 1);
      }
    }
    throw new IOException("a varint longer than 10 bytes");
  }

  private static byte[] readBytes(FSDataInputStream in, long length) throws IOException {
    long size = readLong(in);
    if (size < 0 || in.getPos() + size > length) {
      throw new EOFException();
    }
    byte[] bytes = new byte[(int) size];
    in.readFully(bytes);
    return bytes;
  }
}
