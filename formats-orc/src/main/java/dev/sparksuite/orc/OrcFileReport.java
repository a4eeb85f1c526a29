package dev.sparksuite.orc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.orc.ColumnStatistics;
import org.apache.orc.OrcProto;
import org.apache.orc.Reader;
import org.apache.orc.StripeInformation;
import org.apache.orc.TypeDescription;
import org.apache.orc.impl.RecordReaderImpl;

/**
 * What an ORC file's tail says, read with orc-core: schema, rows, compression, format and writer
 * versions, stripes with offsets, rows and sizes, file-level column statistics, and which columns
 * carry bloom filters. Used by {@link OrcInspect}.
 */
public record OrcFileReport(String file, String schema, long rows, String compression, String fileVersion,
    String writer, String softwareVersion, int rowIndexStride, List<Stripe> stripes, List<Column> columns) {

  /** One stripe. */
  public record Stripe(int index, long offset, long rows, long indexBytes, long dataBytes, long footerBytes) {}

  /** One column of the type tree with its file-level statistics and bloom filter presence. */
  public record Column(int id, String name, String type, String statistics, boolean bloomFilter) {}

  public static OrcFileReport read(Path file) throws IOException {
    try (Reader reader = OrcFiles.open(file)) {
      List<Stripe> stripes = new ArrayList<>();
      int index = 0;
      for (StripeInformation s : reader.getStripes()) {
        stripes.add(new Stripe(index++, s.getOffset(), s.getNumberOfRows(), s.getIndexLength(), s.getDataLength(),
            s.getFooterLength()));
      }
      boolean[] blooms = bloomFilters(reader);
      ColumnStatistics[] statistics = reader.getStatistics();
      List<Column> columns = new ArrayList<>();
      TypeDescription schema = reader.getSchema();
      for (int id = 0; id <= schema.getMaximumId(); id++) {
        TypeDescription type = schema.findSubtype(id);
        String stats = id < statistics.length ? statistics[id].toString().replace('\n', ' ').strip() : "-";
        columns.add(new Column(id, id == 0 ? "<root>" : type.getFullFieldName(), type.getCategory().getName(), stats,
            blooms[id]));
      }
      return new OrcFileReport(file.toString(), schema.toString(), reader.getNumberOfRows(),
          reader.getCompressionKind().name(), reader.getFileVersion().getName(), reader.getWriterVersion().name(),
          reader.getSoftwareVersion() == null ? null : reader.getSoftwareVersion().strip(), reader.getRowIndexStride(),
          stripes, columns);
    }
  }

  /** Bloom filters live in each stripe's index; the first stripe's index tells which columns have one. */
  private static boolean[] bloomFilters(Reader reader) throws IOException {
    int columns = reader.getSchema().getMaximumId() + 1;
    boolean[] present = new boolean[columns];
    if (reader.getStripes().isEmpty() || reader.getRowIndexStride() == 0) {
      return present;
    }
    try (RecordReaderImpl rows = (RecordReaderImpl) reader.rows()) {
      boolean[] all = new boolean[columns];
      java.util.Arrays.fill(all, true);
      OrcProto.BloomFilterIndex[] index = rows.readRowIndex(0, all, all).getBloomFilterIndex();
      for (int id = 0; id < columns; id++) {
        present[id] = index[id] != null && index[id].getBloomFilterCount() > 0;
      }
    }
    return present;
  }

  public String render() {
    StringBuilder out = new StringBuilder();
    out.append("file:         ").append(file).append('\n');
    out.append("schema:       ").append(schema).append('\n');
    out.append(String.format("rows:         %,d in %d stripe(s), row index stride %,d%n", rows, stripes.size(),
        rowIndexStride));
    out.append("compression:  ").append(compression).append('\n');
    out.append("format:       ORC ").append(fileVersion).append(", writer ").append(writer)
        .append(softwareVersion == null ? "" : ", " + softwareVersion).append('\n');
    for (Stripe s : stripes) {
      out.append(String.format("stripe %d: offset %,d, %,d rows, index %,d B, data %,d B, footer %,d B%n",
          s.index(), s.offset(), s.rows(), s.indexBytes(), s.dataBytes(), s.footerBytes()));
    }
    out.append("columns:\n");
    for (Column c : columns) {
      out.append(String.format("  %2d %-20s %-8s %s%s%n", c.id(), c.name(), c.type(), c.statistics(),
          c.bloomFilter() ? "  [bloom filter]" : ""));
    }
    return out.toString();
  }
}
