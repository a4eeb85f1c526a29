package dev.sparksuite.orc;

import dev.sparksuite.lessonkit.InspectionException;
import dev.sparksuite.lessonkit.InspectionReport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.orc.ColumnStatistics;
import org.apache.orc.DataMaskDescription;
import org.apache.orc.EncryptionKey;
import org.apache.orc.EncryptionVariant;
import org.apache.orc.OrcFile;
import org.apache.orc.OrcProto;
import org.apache.orc.Reader;
import org.apache.orc.StripeInformation;
import org.apache.orc.StripeStatistics;
import org.apache.orc.TypeDescription;

/**
 * What an ORC file's tail and stripe footers say, read with orc-core and without reading row data:
 * schema with type attributes, rows, compression and its block size, file format, writer and
 * software versions, row-index stride, user metadata, encryption keys and masks, per stripe its
 * sections, statistics, per-column encodings and streams, and per column its file-level statistics
 * and bloom filters (parsed from the index streams). What {@code orc-tools meta} shows. Used by
 * {@link OrcInspect}.
 */
public record OrcFileReport(
    String file,
    long bytes,
    String schema,
    long rows,
    String compression,
    int compressionBlockSize,
    String fileVersion,
    String writer,
    String softwareVersion,
    int rowIndexStride,
    Map<String, String> metadata,
    List<Stripe> stripes,
    List<Column> columns,
    List<Key> encryption,
    List<String> masks) {

  /** One stripe: where it is, its rows, its three sections, and its columns. */
  public record Stripe(
      int index,
      long offset,
      long rows,
      long bytes,
      long indexBytes,
      long dataBytes,
      long footerBytes,
      List<StripeColumn> columns) {}

  /** One column in one stripe: encoding (dictionary size if any), streams, stripe statistics. */
  public record StripeColumn(
      int id,
      String encoding,
      Integer dictionarySize,
      Map<String, Long> streams,
      String statistics) {}

  /**
   * One column of the type tree: its file-level statistics and non-null value count, its
   * attributes, its bloom filters (null without), and the key it is encrypted with (null if none).
   */
  public record Column(
      String name,
      String type,
      int id,
      Map<String, String> attributes,
      String statistics,
      long values,
      OrcStripes.BloomFilters bloomFilters,
      String encryptedWith) {

    public boolean bloomFilter() {
      return bloomFilters != null;
    }
  }

  /** An encryption key: name, version, algorithm, and the columns it encrypts. */
  public record Key(String name, int version, String algorithm, List<String> columns) {}

  public static OrcFileReport read(FileSystem fs, FileStatus file, String name)
      throws IOException, InspectionException {
    OrcTail.check(fs, file);
    Reader opened;
    try {
      opened = open(fs, file);
    } catch (IOException | RuntimeException e) {
      throw new InspectionException(
          "corrupt: the file footer does not decode: " + OrcVerifier.rootMessage(e), e);
    }
    try (Reader reader = opened;
        OrcStripes footers = new OrcStripes(fs, file.getPath(), reader)) {
      TypeDescription schema = reader.getSchema();
      int columnCount = schema.getMaximumId() + 1;
      List<StripeStatistics> stripeStatistics;
      try {
        stripeStatistics = reader.getStripeStatistics();
      } catch (IOException | RuntimeException e) {
        throw new InspectionException(
            "corrupt: the stripe statistics (metadata section) do not decode: "
                + OrcVerifier.rootMessage(e),
            e);
      }
      List<Stripe> stripes = new ArrayList<>();
      long[] bloomBytes = new long[columnCount];
      int[] bloomCount = new int[columnCount];
      int[] hashFunctions = new int[columnCount];
      boolean encrypted = reader.getColumnEncryptionKeys().length > 0;
      for (StripeInformation s : reader.getStripes()) {
        OrcProto.StripeFooter footer;
        try {
          footer = footers.footer(s);
        } catch (IOException | RuntimeException e) {
          throw new InspectionException(
              "corrupt: the footer of stripe "
                  + stripes.size()
                  + " does not decode: "
                  + OrcVerifier.rootMessage(e),
              e);
        }
        List<OrcStripes.Stream> streams = OrcStripes.streams(s, footer);
        List<StripeColumn> columns = new ArrayList<>();
        for (int id = 0; id < footer.getColumnsCount() && id < columnCount; id++) {
          OrcProto.ColumnEncoding encoding = footer.getColumns(id);
          Map<String, Long> sizes = new LinkedHashMap<>();
          for (OrcStripes.Stream stream : streams) {
            if (stream.column() == id) {
              sizes.merge(stream.kind(), stream.bytes(), Long::sum);
            }
          }
          ColumnStatistics[] stats =
              stripes.size() < stripeStatistics.size()
                  ? stripeStatistics.get(stripes.size()).getColumnStatistics()
                  : new ColumnStatistics[0];
          columns.add(
              new StripeColumn(
                  id,
                  encoding.getKind().name(),
                  encoding.hasDictionarySize() ? encoding.getDictionarySize() : null,
                  sizes,
                  id < stats.length ? oneLine(stats[id]) : null));
        }
        // With encryption, encrypted columns' streams sit between these in the file: offsets are
        // only sure without.
        for (OrcStripes.Stream stream : streams) {
          if (stream.kind().startsWith("BLOOM_FILTER") && stream.column() < columnCount) {
            bloomBytes[stream.column()] += stream.bytes();
            if (!encrypted) {
              OrcProto.BloomFilterIndex index = footers.bloomFilters(stream);
              bloomCount[stream.column()] += index.getBloomFilterCount();
              if (index.getBloomFilterCount() > 0) {
                hashFunctions[stream.column()] = index.getBloomFilter(0).getNumHashFunctions();
              }
            }
          }
        }
        stripes.add(
            new Stripe(
                stripes.size(),
                s.getOffset(),
                s.getNumberOfRows(),
                s.getLength(),
                s.getIndexLength(),
                s.getDataLength(),
                s.getFooterLength(),
                columns));
      }
      Map<Integer, String> keyOf = new TreeMap<>();
      List<Key> keys = new ArrayList<>();
      for (EncryptionKey key : reader.getColumnEncryptionKeys()) {
        List<String> roots = new ArrayList<>();
        for (EncryptionVariant variant : key.getEncryptionRoots()) {
          TypeDescription root = variant.getRoot();
          roots.add(root.getFullFieldName());
          for (int id = root.getId(); id <= root.getMaximumId(); id++) {
            keyOf.put(id, key.getKeyName());
          }
        }
        keys.add(new Key(key.getKeyName(), key.getKeyVersion(), key.getAlgorithm().name(), roots));
      }
      List<String> masks = new ArrayList<>();
      for (DataMaskDescription mask : reader.getDataMasks()) {
        masks.add(
            mask.getName()
                + Arrays.toString(mask.getParameters())
                + " on "
                + Arrays.stream(mask.getColumns()).map(TypeDescription::getFullFieldName).toList());
      }
      ColumnStatistics[] statistics = reader.getStatistics();
      List<Column> columns = new ArrayList<>();
      for (int id = 0; id < columnCount; id++) {
        TypeDescription type = schema.findSubtype(id);
        Map<String, String> attributes = new TreeMap<>();
        for (String attribute : type.getAttributeNames()) {
          attributes.put(attribute, type.getAttributeValue(attribute));
        }
        columns.add(
            new Column(
                id == 0 ? "<root>" : type.getFullFieldName(),
                type.getCategory().getName(),
                id,
                attributes,
                id < statistics.length ? oneLine(statistics[id]) : null,
                id < statistics.length ? statistics[id].getNumberOfValues() : -1,
                bloomBytes[id] == 0
                    ? null
                    : new OrcStripes.BloomFilters(
                        bloomBytes[id], bloomCount[id], hashFunctions[id]),
                keyOf.get(id)));
      }
      Map<String, String> metadata = new TreeMap<>();
      for (String key : reader.getMetadataKeys()) {
        ByteBuffer value = reader.getMetadataValue(key).duplicate();
        byte[] bytes = new byte[value.remaining()];
        value.get(bytes);
        metadata.put(key, InspectionReport.readable(bytes));
      }
      return new OrcFileReport(
          name,
          file.getLen(),
          schema.toString(),
          reader.getNumberOfRows(),
          reader.getCompressionKind().name(),
          reader.getCompressionSize(),
          reader.getFileVersion().getName(),
          reader.getWriterVersion().name(),
          reader.getSoftwareVersion() == null ? null : reader.getSoftwareVersion().strip(),
          reader.getRowIndexStride(),
          metadata,
          stripes,
          columns,
          keys,
          masks);
    }
  }

  static Reader open(FileSystem fs, FileStatus file) throws IOException {
    return OrcFile.createReader(
        file.getPath(),
        OrcFile.readerOptions(fs.getConf()).filesystem(fs).maxLength(file.getLen()));
  }

  private static String oneLine(ColumnStatistics statistics) {
    return statistics.toString().replace('\n', ' ').strip();
  }

  /** The shared document: this report's facts under the keys every inspector uses. */
  public InspectionReport document() {
    return new InspectionReport(
        file,
        "orc",
        rows,
        bytes,
        compression,
        schema,
        softwareVersion == null ? "writer " + writer : softwareVersion + " (writer " + writer + ")",
        metadata,
        "stripe",
        stripes,
        columns,
        null);
  }

  public String render() {
    return render(document());
  }

  String render(InspectionReport document) {
    StringBuilder out = new StringBuilder(document.header());
    out.append(
        String.format(
            "orc:         file version %s, compression block %,d B, row index stride %,d%n",
            fileVersion, compressionBlockSize, rowIndexStride));
    for (Key key : encryption) {
      out.append(
          String.format(
              "encryption:  key %s v%d (%s) on %s%n",
              key.name(), key.version(), key.algorithm(), key.columns()));
    }
    masks.forEach(m -> out.append("mask:        ").append(m).append('\n'));
    for (Stripe s : stripes) {
      out.append(
          String.format(
              "stripe %d: offset %,d, %,d rows, index %,d B, data %,d B, footer %,d B%n",
              s.index(), s.offset(), s.rows(), s.indexBytes(), s.dataBytes(), s.footerBytes()));
      for (StripeColumn c : s.columns()) {
        StringBuilder streams = new StringBuilder();
        c.streams()
            .forEach((kind, bytes) -> streams.append(String.format(" %s %,d B", kind, bytes)));
        out.append(
            String.format(
                "  %2d %-13s%s  streams:%s%n",
                c.id(),
                c.encoding(),
                c.dictionarySize() == null ? "" : " (" + c.dictionarySize() + " entries)",
                streams));
        if (c.statistics() != null) {
          out.append("       ").append(c.statistics()).append('\n');
        }
      }
    }
    out.append("columns:\n");
    for (Column c : columns) {
      out.append(
          String.format(
              "  %2d %-20s %-8s %s%s%s%s%n",
              c.id(),
              c.name(),
              c.type(),
              c.statistics(),
              c.attributes().isEmpty() ? "" : "  attributes " + c.attributes(),
              c.bloomFilters() == null
                  ? ""
                  : String.format(
                      "  [bloom filter: %,d B, %,d filter(s), %d hash functions]",
                      c.bloomFilters().bytes(),
                      c.bloomFilters().filters(),
                      c.bloomFilters().hashFunctions()),
              c.encryptedWith() == null ? "" : "  [encrypted with " + c.encryptedWith() + "]"));
    }
    out.append(document.verificationLine());
    return out.toString();
  }
}
