package dev.sparksuite.parquet;

import dev.sparksuite.lessonkit.Errors;
import dev.sparksuite.lessonkit.InspectionException;
import dev.sparksuite.lessonkit.InspectionReport.Verification;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.MessageType;

/**
 * {@code --verify} for Parquet: reads every page of every row group, checking the CRC of each page
 * that has one, decodes every value of every column, and counts the rows each column's pages hold
 * (a value at repetition level 0 starts a row). Each count must equal the row count the footer
 * gives the row group: the pages and the footer are written separately, so a mismatch is real
 * damage.
 */
final class ParquetVerifier {

  private ParquetVerifier() {}

  static Verification verify(InputFile input, ParquetFileReport report, boolean checkCrcs)
      throws IOException, InspectionException {
    var options =
        HadoopReadOptions.builder(new Configuration())
            .usePageChecksumVerification(checkCrcs)
            .build();
    long decoded = 0;
    try (ParquetFileReader reader = ParquetFileReader.open(input, options)) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
      int group = 0;
      while (true) {
        PageReadStore pages;
        try {
          pages = reader.readNextRowGroup();
        } catch (RuntimeException | IOException e) {
          throw corrupt("row group " + group, e);
        }
        if (pages == null) {
          break;
        }
        long footerRows = reader.getRowGroups().get(group).getRowCount();
        ColumnReadStoreImpl columns =
            new ColumnReadStoreImpl(
                pages, new GroupRecordConverter(schema).getRootConverter(), schema, createdBy);
        for (ColumnDescriptor column : schema.getColumns()) {
          String where = "row group " + group + ", column " + String.join(".", column.getPath());
          long rows;
          try {
            rows = decode(columns.getColumnReader(column), column);
          } catch (RuntimeException e) {
            throw corrupt(where, e);
          }
          if (rows != footerRows) {
            throw new InspectionException(
                String.format(
                    "corrupt: %s: the footer says %,d rows, the pages hold %,d",
                    where, footerRows, rows));
          }
        }
        decoded += footerRows;
        group++;
      }
    }
    if (decoded != report.rows()) {
      throw new InspectionException(
          String.format(
              "corrupt: the footer says %,d rows, %,d were decoded", report.rows(), decoded));
    }
    long[] crcs = pageCrcs(input, report);
    String checks =
        crcs[0] == 0
            ? "no page CRCs in the file"
            : String.format("%,d of %,d page CRCs checked", checkCrcs ? crcs[0] : 0, crcs[1]);
    return new Verification(decoded, checks);
  }

  /** Reads (and so decodes) every value; returns the rows the column's pages hold. */
  private static long decode(ColumnReader reader, ColumnDescriptor column) {
    long rows = 0;
    int defined = column.getMaxDefinitionLevel();
    for (long i = reader.getTotalValueCount(); i > 0; i--) {
      if (reader.getCurrentRepetitionLevel() == 0) {
        rows++;
      }
      if (reader.getCurrentDefinitionLevel() == defined) {
        switch (column.getPrimitiveType().getPrimitiveTypeName()) {
          case BOOLEAN -> reader.getBoolean();
          case INT32 -> reader.getInteger();
          case INT64 -> reader.getLong();
          case FLOAT -> reader.getFloat();
          case DOUBLE -> reader.getDouble();
          default -> reader.getBinary();
        }
      } else {
        reader.skip();
      }
      reader.consume();
    }
    return rows;
  }

  /** Pages with a CRC, and all pages, from the page headers. */
  private static long[] pageCrcs(InputFile input, ParquetFileReport report) throws IOException {
    long withCrc = 0;
    long pages = 0;
    try (ParquetFileReader reader = ParquetFileReader.open(input);
        SeekableInputStream in = input.newStream()) {
      for (BlockMetaData block : reader.getFooter().getBlocks()) {
        for (ColumnChunkMetaData chunk : block.getColumns()) {
          for (ParquetPages.Page page : ParquetPages.read(in, chunk, null, report.createdBy())) {
            pages++;
            withCrc += page.crc() ? 1 : 0;
          }
        }
      }
    }
    return new long[] {withCrc, pages};
  }

  private static InspectionException corrupt(String where, Exception e) {
    Throwable root = Errors.rootCause(e);
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
      message += ": " + root.getMessage();
    }
    return new InspectionException(
        "corrupt: " + where + ": " + message.lines().findFirst().orElse(message), e);
  }
}
