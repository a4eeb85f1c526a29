package dev.sparksuite.parquet;

import dev.sparksuite.lessonkit.InspectionException;
import dev.sparksuite.lessonkit.InspectionReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.column.statistics.SizeStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Everything a Parquet footer says about a file, read with parquet-hadoop: the writer, schema,
 * key-value metadata, and per row group and column chunk the types, codec, value count, sizes,
 * encodings (with dictionary fall-back, from the encoding stats), statistics, size statistics, and
 * the bloom filter, column index and offset index with their sizes. With pages, every page header
 * too. Used by {@link ParquetInspect} and {@link FooterInspectionExample}.
 */
public record ParquetFileReport(
    String file,
    long bytes,
    String createdBy,
    String schema,
    long rows,
    Map<String, String> keyValueMetadata,
    List<RowGroup> rowGroups,
    List<Column> columns) {

  /** One row group: where it starts, its rows, its sizes, its column chunks. */
  public record RowGroup(
      int index, long offset, long rows, long bytes, long uncompressedBytes, List<Chunk> columns) {}

  /**
   * One column chunk. {@code dataPagesByEncoding} and {@code dictionaryFallback} are null when the
   * writer stored no encoding stats; min/max are null without statistics; the index and bloom
   * filter sizes are null when the chunk has none; {@code pages} is null unless asked for.
   */
  public record Chunk(
      String name,
      String type,
      String logicalType,
      String codec,
      long values,
      long bytes,
      long uncompressedBytes,
      List<String> encodings,
      Map<String, Integer> dataPagesByEncoding,
      Boolean dictionaryFallback,
      String min,
      String max,
      Long nulls,
      Integer bloomFilterBytes,
      Integer columnIndexBytes,
      Integer offsetIndexBytes,
      Long unencodedByteArrayBytes,
      List<ParquetPages.Page> pages) {}

  /** One leaf column over all row groups. */
  public record Column(
      String name,
      String type,
      String logicalType,
      long values,
      Long nulls,
      long bytes,
      long uncompressedBytes) {}

  /**
   * Reads the footer of a file on any Hadoop file system: {@link FooterInspectionExample}'s report.
   */
  public static ParquetFileReport read(FileSystem fs, Path file) throws IOException {
    InputFile input = ParquetFiles.input(fs, file);
    try {
      return read(input, file.toString(), false);
    } catch (InspectionException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads the footer (and, with {@code pages}, every page header) of any file parquet-hadoop can
   * open.
   */
  public static ParquetFileReport read(InputFile input, String name, boolean pages)
      throws IOException, InspectionException {
    ParquetTail.check(input);
    try (ParquetFileReader reader = ParquetFileReader.open(input);
        SeekableInputStream in = pages ? input.newStream() : null) {
      ParquetMetadata footer = reader.getFooter();
      FileMetaData meta = footer.getFileMetaData();
      List<RowGroup> groups = new ArrayList<>();
      Map<String, Column> columns = new LinkedHashMap<>();
      long rows = 0;
      for (BlockMetaData block : footer.getBlocks()) {
        List<Chunk> chunks = new ArrayList<>();
        for (ColumnChunkMetaData chunk : block.getColumns()) {
          Chunk c =
              chunk(
                  reader,
                  chunk,
                  pages
                      ? ParquetPages.read(
                          in,
                          chunk,
                          chunk.getColumnIndexReference() == null
                              ? null
                              : reader.readColumnIndex(chunk),
                          meta.getCreatedBy())
                      : null);
          chunks.add(c);
          columns.merge(
              c.name(),
              new Column(
                  c.name(),
                  c.type(),
                  c.logicalType(),
                  c.values(),
                  c.nulls(),
                  c.bytes(),
                  c.uncompressedBytes()),
              ParquetFileReport::add);
        }
        groups.add(
            new RowGroup(
                groups.size(),
                block.getStartingPos(),
                block.getRowCount(),
                block.getCompressedSize(),
                block.getTotalByteSize(),
                chunks));
        rows += block.getRowCount();
      }
      return new ParquetFileReport(
          name,
          input.getLength(),
          meta.getCreatedBy(),
          meta.getSchema().toString().strip(),
          rows,
          new TreeMap<>(meta.getKeyValueMetaData()),
          groups,
          List.copyOf(columns.values()));
    }
  }

  private static Column add(Column a, Column b) {
    return new Column(
        a.name(),
        a.type(),
        a.logicalType(),
        a.values() + b.values(),
        a.nulls() == null || b.nulls() == null ? null : a.nulls() + b.nulls(),
        a.bytes() + b.bytes(),
        a.uncompressedBytes() + b.uncompressedBytes());
  }

  private static Chunk chunk(
      ParquetFileReader reader, ColumnChunkMetaData chunk, List<ParquetPages.Page> pages)
      throws IOException {
    Statistics<?> stats = chunk.getStatistics();
    boolean hasMinMax = stats != null && stats.hasNonNullValue();
    Long nulls = stats != null && stats.isNumNullsSet() ? stats.getNumNulls() : null;
    PrimitiveType type = chunk.getPrimitiveType();
    EncodingStats encodingStats = chunk.getEncodingStats();
    Map<String, Integer> byEncoding = null;
    Boolean fallback = null;
    if (encodingStats != null) {
      byEncoding = new TreeMap<>();
      for (var encoding : encodingStats.getDataEncodings()) {
        byEncoding.put(encoding.name(), encodingStats.getNumDataPagesEncodedAs(encoding));
      }
      // A writer starts with a dictionary and falls back to plain pages when, after the first page,
      // the dictionary is no smaller than plain, or when it passes parquet.dictionary.page.size.
      // Only the second leaves pages of both kinds: after the first, no page kept the dictionary.
      fallback =
          encodingStats.hasDictionaryEncodedPages() && encodingStats.hasNonDictionaryEncodedPages();
    }
    Integer bloomBytes = null;
    if (chunk.getBloomFilterOffset() >= 0) {
      bloomBytes =
          chunk.getBloomFilterLength() > 0
              ? chunk.getBloomFilterLength()
              : reader.readBloomFilter(chunk).getBitsetSize();
    }
    SizeStatistics size = chunk.getSizeStatistics();
    Long unencoded =
        size != null && size.isValid() ? size.getUnencodedByteArrayDataBytes().orElse(null) : null;
    String physical =
        type.getPrimitiveTypeName().name()
            + (type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY
                ? "(" + type.getTypeLength() + ")"
                : "");
    return new Chunk(
        chunk.getPath().toDotString(),
        physical,
        type.getLogicalTypeAnnotation() == null ? null : type.getLogicalTypeAnnotation().toString(),
        chunk.getCodec().name(),
        chunk.getValueCount(),
        chunk.getTotalSize(),
        chunk.getTotalUncompressedSize(),
        List.copyOf(new TreeSet<>(chunk.getEncodings().stream().map(Enum::name).toList())),
        byEncoding,
        fallback,
        hasMinMax ? abbreviate(stats.minAsString()) : null,
        hasMinMax ? abbreviate(stats.maxAsString()) : null,
        nulls,
        bloomBytes,
        chunk.getColumnIndexReference() == null
            ? null
            : chunk.getColumnIndexReference().getLength(),
        chunk.getOffsetIndexReference() == null
            ? null
            : chunk.getOffsetIndexReference().getLength(),
        unencoded,
        pages);
  }

  static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 37) + "...";
  }

  /** The shared document: this report's facts under the keys every inspector uses. */
  public InspectionReport document() {
    String codecs =
        String.join(
            ",",
            new TreeSet<>(
                rowGroups.stream().flatMap(g -> g.columns().stream()).map(Chunk::codec).toList()));
    return new InspectionReport(
        file,
        "parquet",
        rows,
        bytes,
        codecs.isEmpty() ? "-" : codecs,
        schema,
        createdBy,
        keyValueMetadata,
        "row group",
        rowGroups,
        columns,
        null);
  }

  /** The report as text: the shared header, then one line per row group and column chunk. */
  public String render() {
    return render(document());
  }

  String render(InspectionReport document) {
    StringBuilder out = new StringBuilder(document.header());
    for (RowGroup g : rowGroups) {
      out.append(
          String.format(
              "row group %d: %,d rows, %,d bytes compressed (%,d uncompressed), at offset %,d%n",
              g.index(), g.rows(), g.bytes(), g.uncompressedBytes(), g.offset()));
      for (Chunk c : g.columns()) {
        out.append(
            String.format(
                "  %-20s %-10s %-8s %,d values, %,d B (%,d B uncompressed)%n",
                c.name(),
                c.type() + (c.logicalType() == null ? "" : " " + c.logicalType()),
                c.codec(),
                c.values(),
                c.bytes(),
                c.uncompressedBytes()));
        out.append("      encodings ").append(String.join(",", c.encodings()));
        if (c.dataPagesByEncoding() != null) {
          out.append(", data pages ").append(c.dataPagesByEncoding().toString().replace(" ", ""));
          out.append(c.dictionaryFallback() ? ", dictionary fell back to plain" : "");
        }
        out.append(
            String.format(
                "; min=%s max=%s nulls=%s%n",
                c.min() == null ? "-" : c.min(),
                c.max() == null ? "-" : c.max(),
                c.nulls() == null ? "-" : c.nulls()));
        if (c.bloomFilterBytes() != null
            || c.columnIndexBytes() != null
            || c.offsetIndexBytes() != null
            || c.unencodedByteArrayBytes() != null) {
          out.append("     ");
          appendSize(out, "bloom", c.bloomFilterBytes());
          appendSize(out, "column-index", c.columnIndexBytes());
          appendSize(out, "offset-index", c.offsetIndexBytes());
          if (c.unencodedByteArrayBytes() != null) {
            out.append(
                String.format(" size-statistics %,d B unencoded", c.unencodedByteArrayBytes()));
          }
          out.append('\n');
        }
        if (c.pages() != null) {
          for (ParquetPages.Page p : c.pages()) {
            out.append(
                String.format(
                    "      page %-10s at %,d: %,d values, %,d B (%,d B uncompressed) %s%s%s%n",
                    p.type(),
                    p.offset(),
                    p.values(),
                    p.compressedBytes(),
                    p.uncompressedBytes(),
                    p.encoding(),
                    p.min() == null ? "" : " min=" + p.min() + " max=" + p.max(),
                    (p.nulls() == null ? "" : " nulls=" + p.nulls()) + (p.crc() ? " crc" : "")));
          }
        }
      }
    }
    out.append(document.verificationLine());
    return out.toString();
  }

  private static void appendSize(StringBuilder out, String what, Integer bytes) {
    if (bytes != null) {
      out.append(String.format(" %s %,d B", what, bytes));
    }
  }
}
