package dev.sparksuite.parquet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * Everything a Parquet footer says about a file, read with parquet-hadoop: the writer, schema,
 * key-value metadata, and per row group and column chunk the codec, encodings, statistics and
 * the presence of bloom filters and page indexes. Used by {@link ParquetInspect} and lesson 12.
 */
public record ParquetFileReport(
    String file, String createdBy, String schema, long rows, Map<String, String> keyValueMetadata,
    List<RowGroup> rowGroups) {

  /** One row group: its rows, sizes, and column chunks. */
  public record RowGroup(int index, long rows, long uncompressedBytes, long compressedBytes, long startOffset,
      List<Column> columns) {}

  /** One column chunk. min/max are null when the writer stored no statistics. */
  public record Column(String path, String type, String codec, List<String> encodings, String min, String max,
      Long nulls, boolean bloomFilter, boolean columnIndex, boolean offsetIndex, long compressedBytes) {}

  /** Reads the footer; throws for a file that is missing, not Parquet, or has a damaged footer. */
  public static ParquetFileReport read(Path file) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(ParquetFooters.input(file))) {
      ParquetMetadata footer = reader.getFooter();
      FileMetaData meta = footer.getFileMetaData();
      List<RowGroup> groups = new ArrayList<>();
      long rows = 0;
      int index = 0;
      for (BlockMetaData block : footer.getBlocks()) {
        List<Column> columns = new ArrayList<>();
        for (ColumnChunkMetaData chunk : block.getColumns()) {
          columns.add(column(chunk));
        }
        groups.add(new RowGroup(index++, block.getRowCount(), block.getTotalByteSize(), block.getCompressedSize(),
            block.getStartingPos(), columns));
        rows += block.getRowCount();
      }
      return new ParquetFileReport(file.toString(), meta.getCreatedBy(), meta.getSchema().toString().strip(), rows,
          new TreeMap<>(meta.getKeyValueMetaData()), groups);
    }
  }

  private static Column column(ColumnChunkMetaData chunk) {
    Statistics<?> stats = chunk.getStatistics();
    boolean hasMinMax = stats != null && stats.hasNonNullValue();
    Long nulls = stats != null && stats.isNumNullsSet() ? stats.getNumNulls() : null;
    List<String> encodings = new ArrayList<>(new TreeSet<>(chunk.getEncodings().stream().map(Enum::name).toList()));
    return new Column(chunk.getPath().toDotString(), chunk.getPrimitiveType().toString(), chunk.getCodec().name(),
        encodings, hasMinMax ? abbreviate(stats.minAsString()) : null, hasMinMax ? abbreviate(stats.maxAsString()) : null,
        nulls, chunk.getBloomFilterOffset() >= 0, chunk.getColumnIndexReference() != null,
        chunk.getOffsetIndexReference() != null, chunk.getTotalSize());
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 37) + "...";
  }

  /** The report as text, one line per row group and column chunk. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append("file:        ").append(file).append('\n');
    out.append("created by:  ").append(createdBy).append('\n');
    out.append(String.format("rows:        %,d in %d row group(s)%n", rows, rowGroups.size()));
    out.append("schema:\n");
    schema.lines().forEach(l -> out.append("  ").append(l).append('\n'));
    if (!keyValueMetadata.isEmpty()) {
      out.append("key-value metadata:\n");
      keyValueMetadata.forEach((k, v) -> out.append("  ").append(k).append(" = ")
          .append(v.length() > 80 ? v.substring(0, 77) + "..." : v).append('\n'));
    }
    for (RowGroup g : rowGroups) {
      out.append(String.format("row group %d: %,d rows, %,d bytes compressed (%,d uncompressed), at offset %,d%n",
          g.index(), g.rows(), g.compressedBytes(), g.uncompressedBytes(), g.startOffset()));
      for (Column c : g.columns()) {
        out.append(String.format("  %-24s %-8s %,10d B  %-28s min=%s max=%s nulls=%s%s%s%s%n",
            c.path(), c.codec(), c.compressedBytes(), String.join(",", c.encodings()),
            c.min() == null ? "-" : c.min(), c.max() == null ? "-" : c.max(), c.nulls() == null ? "-" : c.nulls(),
            c.bloomFilter() ? "  bloom" : "", c.columnIndex() ? "  column-index" : "",
            c.offsetIndex() ? "  offset-index" : ""));
      }
    }
    return out.toString();
  }
}
