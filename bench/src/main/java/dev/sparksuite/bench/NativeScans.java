package dev.sparksuite.bench;

import dev.sparksuite.avro.AvroFiles;
import dev.sparksuite.orc.OrcFiles;
import dev.sparksuite.parquet.ParquetInspect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.Reader;
import org.apache.orc.RecordReader;

/**
 * Full scans with each format's own library, no Spark, one thread: every record of every file
 * decoded. Returns the rows read, so a scan that read nothing cannot look fast.
 */
final class NativeScans {

  private NativeScans() {}

  static long scan(String format, Path directory) {
    try {
      long rows = 0;
      switch (format) {
        case "parquet" -> {
          for (Path file : dev.sparksuite.parquet.ParquetFooters.dataFiles(directory)) {
            rows += ParquetInspect.verify(file);
          }
        }
        case "orc" -> {
          for (Path file : OrcFiles.dataFiles(directory)) {
            try (Reader reader = OrcFiles.open(file); RecordReader records = reader.rows()) {
              VectorizedRowBatch batch = reader.getSchema().createRowBatch();
              while (records.nextBatch(batch)) {
                rows += batch.size;
              }
            }
          }
        }
        case "avro" -> {
          for (Path file : AvroFiles.dataFiles(directory)) {
            try (DataFileReader<GenericRecord> reader = AvroFiles.open(file)) {
              GenericRecord reuse = null;
              while (reader.hasNext()) {
                reuse = reader.next(reuse);
                rows++;
              }
            }
          }
        }
        default -> throw new IllegalArgumentException("no native reader for " + format);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
