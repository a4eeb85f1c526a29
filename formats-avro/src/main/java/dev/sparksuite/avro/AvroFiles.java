package dev.sparksuite.avro;

import dev.sparksuite.lessons.DataFiles;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/** The avro library below Spark: the data files of a directory and what their headers say. */
public final class AvroFiles {

  private AvroFiles() {}

  public static List<Path> dataFiles(Path directory) {
    return DataFiles.list(directory, ".avro");
  }

  public static DataFileReader<GenericRecord> open(Path file) throws IOException {
    return new DataFileReader<>(new File(file.toString()), new GenericDatumReader<>());
  }

  /** A header entry: {@code avro.codec}, {@code avro.schema}, or anything the writer added. */
  public static String header(Path file, String key) {
    try (DataFileReader<GenericRecord> reader = open(file)) {
      return reader.getMetaString(key);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Blocks in every data file of the directory: a new block starts wherever the sync position moves. */
  public static long blocks(Path directory) {
    long blocks = 0;
    for (Path file : dataFiles(directory)) {
      try (DataFileReader<GenericRecord> reader = open(file)) {
        long lastSync = -1;
        while (reader.hasNext()) {
          reader.next();
          if (reader.previousSync() != lastSync) {
            lastSync = reader.previousSync();
            blocks++;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return blocks;
  }

  public static long size(Path directory) {
    return DataFiles.totalSize(directory, ".avro");
  }
}
