package dev.sparksuite.orc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.orc.CompressionCodec;
import org.apache.orc.OrcProto;
import org.apache.orc.Reader;
import org.apache.orc.StripeInformation;
import org.apache.orc.impl.BufferChunk;
import org.apache.orc.impl.InStream;
import org.apache.orc.impl.OrcCodecPool;

/**
 * What the stripe footers say, and the bloom filters in the index streams, read without touching
 * row data: each footer lists the stripe's streams (kind, column, length, in file order) and each
 * column's encoding. A bloom filter index is one stream per column, one filter per row group.
 */
final class OrcStripes implements AutoCloseable {

  /** One stream of a stripe, with the file offset it starts at. */
  record Stream(int column, String kind, long offset, long bytes) {}

  /** One column's bloom filters over all stripes: how many, with how many hash functions. */
  record BloomFilters(long bytes, int filters, int hashFunctions) {}

  private final Reader reader;
  private final FSDataInputStream in;
  private final CompressionCodec codec;
  private final InStream.StreamOptions options;

  OrcStripes(FileSystem fs, Path path, Reader reader) throws IOException {
    this.reader = reader;
    this.codec = OrcCodecPool.getCodec(reader.getCompressionKind());
    this.options = InStream.options().withCodec(codec).withBufferSize(reader.getCompressionSize());
    this.in = fs.open(path);
  }

  /** The stripe's footer: after its index and data sections. */
  OrcProto.StripeFooter footer(StripeInformation stripe) throws IOException {
    long offset = stripe.getOffset() + stripe.getIndexLength() + stripe.getDataLength();
    return OrcProto.StripeFooter.parseFrom(
        InStream.createCodedInputStream(read("stripe footer", offset, stripe.getFooterLength())));
  }

  private InStream read(String what, long offset, long length) throws IOException {
    byte[] bytes = new byte[(int) length];
    in.readFully(offset, bytes);
    return InStream.create(
        what, new BufferChunk(ByteBuffer.wrap(bytes), 0), 0, bytes.length, options);
  }

  /** The unencrypted streams in file order; they start where the stripe starts. */
  static List<Stream> streams(StripeInformation stripe, OrcProto.StripeFooter footer) {
    List<Stream> streams = new ArrayList<>();
    long offset = stripe.getOffset();
    for (OrcProto.Stream s : footer.getStreamsList()) {
      streams.add(new Stream(s.getColumn(), s.getKind().name(), offset, s.getLength()));
      offset += s.getLength();
    }
    return streams;
  }

  /** Parses one bloom filter index stream: decompressed, but no row data is read. */
  OrcProto.BloomFilterIndex bloomFilters(Stream stream) throws IOException {
    return OrcProto.BloomFilterIndex.parseFrom(
        InStream.createCodedInputStream(read("bloom filter", stream.offset(), stream.bytes())));
  }

  @Override
  public void close() throws IOException {
    try {
      in.close();
    } finally {
      if (codec != null) {
        OrcCodecPool.returnCodec(reader.getCompressionKind(), codec);
      }
    }
  }
}
