package dev.sparksuite.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.PrimitiveType;

/**
 * The pages of a column chunk, read from their headers alone (nothing is decompressed): what
 * parquet-cli's {@code pages} shows. parquet-hadoop writes no statistics into page headers since it
 * writes column indexes; a data page's min/max/nulls then come from the column index.
 */
final class ParquetPages {

  /**
   * One page: {@code dictionary}, {@code v1} or {@code v2}; min/max/nulls null where nothing
   * records them.
   */
  record Page(
      String type,
      long offset,
      int values,
      int compressedBytes,
      int uncompressedBytes,
      String encoding,
      String min,
      String max,
      Long nulls,
      boolean crc) {}

  private static final ParquetMetadataConverter CONVERTER = new ParquetMetadataConverter();

  private ParquetPages() {}

  static List<Page> read(
      SeekableInputStream in, ColumnChunkMetaData chunk, ColumnIndex index, String createdBy)
      throws IOException {
    List<Page> pages = new ArrayList<>();
    long position = chunk.getStartingPos();
    long end = position + chunk.getTotalSize();
    int dataPage = 0;
    PrimitiveType type = chunk.getPrimitiveType();
    while (position < end) {
      in.seek(position);
      PageHeader header = Util.readPageHeader(in);
      long next = in.getPos() + header.getCompressed_page_size();
      Statistics<?> stats = null;
      String pageType;
      int values;
      String encoding;
      switch (header.getType()) {
        case DICTIONARY_PAGE -> {
          pageType = "dictionary";
          values = header.getDictionary_page_header().getNum_values();
          encoding = header.getDictionary_page_header().getEncoding().name();
        }
        case DATA_PAGE -> {
          DataPageHeader v1 = header.getData_page_header();
          pageType = "v1";
          values = v1.getNum_values();
          encoding = v1.getEncoding().name();
          stats =
              v1.isSetStatistics()
                  ? CONVERTER.fromParquetStatistics(createdBy, v1.getStatistics(), type)
                  : null;
        }
        case DATA_PAGE_V2 -> {
          DataPageHeaderV2 v2 = header.getData_page_header_v2();
          pageType = "v2";
          values = v2.getNum_values();
          encoding = v2.getEncoding().name();
          stats =
              v2.isSetStatistics()
                  ? CONVERTER.fromParquetStatistics(createdBy, v2.getStatistics(), type)
                  : null;
        }
        default -> {
          pageType = header.getType().name().toLowerCase();
          values = 0;
          encoding = "-";
        }
      }
      boolean data = pageType.equals("v1") || pageType.equals("v2");
      if (data
          && (stats == null || stats.isEmpty())
          && index != null
          && dataPage < index.getMinValues().size()) {
        stats = fromColumnIndex(index, dataPage, type);
      }
      boolean minMax = stats != null && stats.hasNonNullValue();
      pages.add(
          new Page(
              pageType,
              position,
              values,
              header.getCompressed_page_size(),
              header.getUncompressed_page_size(),
              encoding,
              minMax ? ParquetFileReport.abbreviate(stats.minAsString()) : null,
              minMax ? ParquetFileReport.abbreviate(stats.maxAsString()) : null,
              stats != null && stats.isNumNullsSet() ? stats.getNumNulls() : null,
              header.isSetCrc()));
      dataPage += data ? 1 : 0;
      position = next;
    }
    return pages;
  }

  private static Statistics<?> fromColumnIndex(ColumnIndex index, int page, PrimitiveType type) {
    Statistics.Builder builder = Statistics.getBuilderForReading(type);
    if (!index.getNullPages().get(page)) {
      builder
          .withMin(bytes(index.getMinValues().get(page)))
          .withMax(bytes(index.getMaxValues().get(page)));
    }
    if (index.getNullCounts() != null) {
      builder.withNumNulls(index.getNullCounts().get(page));
    }
    return builder.build();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
