package dev.sparksuite.bench;

import dev.sparksuite.avro.AvroFiles;
import dev.sparksuite.orc.OrcFiles;
import dev.sparksuite.parquet.ParquetFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.Reader;
import org.apache.orc.RecordReader;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.schema.MessageType;

/**
 * Full scans with each format's own library, no Spark, one thread: every value of every column of
 * every file decoded. Each returns the rows it read, so a scan that read nothing cannot look fast.
 * Parquet is read column by column with parquet-column's readers (decoded without assembling
 * records), ORC in orc-core's vectorized batches, Avro record by record (the only way its container
 * files are read).
 */
final class NativeScans {

  private NativeScans() {}

  static long scan(String format, Path directory) {
    try {
      return switch (format) {
        case "parquet" -> parquet(directory);
        case "orc" -> orc(directory);
        case "avro" -> avro(directory);
        default -> throw new IllegalArgumentException("no native reader for " + format);
      };
    } catch (IOException e) {
      throw new UncheckedIOException("cannot scan the " + format + " files in " + directory, e);
    }
  }

  private static long parquet(Path directory) throws IOException {
    long rows = 0;
    long checksum = 0;
    FileSystem fs = LocalFiles.fileSystem();
    for (var file : ParquetFiles.dataFiles(fs, LocalFiles.hadoopPath(directory))) {
      var input = ParquetFiles.input(fs, file);
      try (ParquetFileReader reader = ParquetFileReader.open(input)) {
        MessageType schema = reader.getFileMetaData().getSchema();
        String createdBy = reader.getFileMetaData().getCreatedBy();
        var converter = new GroupRecordConverter(schema).getRootConverter();
        PageReadStore rowGroup;
        while ((rowGroup = reader.readNextRowGroup()) != null) {
          var columns = new ColumnReadStoreImpl(rowGroup, converter, schema, createdBy);
          for (ColumnDescriptor column : schema.getColumns()) {
            checksum += decodeAll(columns.getColumnReader(column));
          }
          rows += rowGroup.getRowCount();
        }
      }
    }
    // The checksum is used, so the JIT cannot drop the decoding as dead code.
    return checksum == Long.MIN_VALUE ? -1 : rows;
  }

  private static long decodeAll(ColumnReader reader) {
    int defined = reader.getDescriptor().getMaxDefinitionLevel();
    long checksum = 0;
    for (long i = reader.getTotalValueCount(); i > 0; i--) {
      if (reader.getCurrentDefinitionLevel() == defined) {
        checksum +=
            switch (reader.getDescriptor().getPrimitiveType().getPrimitiveTypeName()) {
              case INT32 -> reader.getInteger();
              case INT64 -> reader.getLong();
              case DOUBLE -> (long) reader.getDouble();
              case FLOAT -> (long) reader.getFloat();
              case BOOLEAN -> reader.getBoolean() ? 1 : 0;
              case BINARY, FIXED_LEN_BYTE_ARRAY, INT96 -> reader.getBinary().length();
            };
      }
      reader.consume();
    }
    return checksum;
  }

  private static long orc(Path directory) throws IOException {
    long rows = 0;
    FileSystem fs = LocalFiles.fileSystem();
    for (FileStatus file : OrcFiles.dataFiles(fs, LocalFiles.hadoopPath(directory))) {
      try (Reader reader = OrcFiles.open(fs, file.getPath());
          RecordReader records = reader.rows()) {
        VectorizedRowBatch batch = reader.getSchema().createRowBatch();
        while (records.nextBatch(batch)) {
          rows += batch.size;
        }
      }
    }
    return rows;
  }

  private static long avro(Path directory) throws IOException {
    long rows = 0;
    FileSystem fs = LocalFiles.fileSystem();
    for (FileStatus file : AvroFiles.dataFiles(fs, LocalFiles.hadoopPath(directory))) {
      try (DataFileReader<GenericRecord> reader = AvroFiles.open(fs, file)) {
        GenericRecord reuse = null;
        while (reader.hasNext()) {
          reuse = reader.next(reuse);
          rows++;
        }
      }
    }
    return rows;
  }
}
