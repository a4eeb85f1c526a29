package dev.sparksuite.avro;

import dev.sparksuite.lessonkit.DataFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * The avro library below Spark: the data files of a directory and what their headers say. Each
 * question can be asked of a local directory (read as a {@code java.io.File}) or of one on any
 * Hadoop file system ({@code hdfs:}).
 */
public final class AvroFiles {

  private AvroFiles() {}

  public static List<Path> dataFiles(Path directory) {
    return DataFiles.list(directory, ".avro");
  }

  /** The {@code .avro} data files under a directory of any Hadoop file system, sorted by path. */
  public static List<FileStatus> dataFiles(FileSystem fs, org.apache.hadoop.fs.Path directory)
      throws IOException {
    List<FileStatus> files = new ArrayList<>();
    for (FileStatus file : DataFiles.list(fs, directory)) {
      if (file.getPath().getName().endsWith(".avro")) {
        files.add(file);
      }
    }
    return files;
  }

  public static DataFileReader<GenericRecord> open(Path file) throws IOException {
    return new DataFileReader<>(file.toFile(), new GenericDatumReader<>());
  }

  public static DataFileReader<GenericRecord> open(FileSystem fs, FileStatus file)
      throws IOException {
    return new DataFileReader<>(new HadoopSeekableInput(fs, file), new GenericDatumReader<>());
  }

  /** A header entry: {@code avro.codec}, {@code avro.schema}, or anything the writer added. */
  public static String header(Path file, String key) {
    try (DataFileReader<GenericRecord> reader = open(file)) {
      return reader.getMetaString(key);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** A header entry of a file on any Hadoop file system. */
  public static String header(FileSystem fs, FileStatus file, String key) throws IOException {
    try (DataFileReader<GenericRecord> reader = open(fs, file)) {
      return reader.getMetaString(key);
    }
  }

  /** Blocks in every data file of the directory. */
  public static long blocks(Path directory) {
    long blocks = 0;
    for (Path file : dataFiles(directory)) {
      try (DataFileReader<GenericRecord> reader = open(file)) {
        blocks += blocks(reader);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return blocks;
  }

  /** Blocks in every data file of a directory on any Hadoop file system. */
  public static long blocks(FileSystem fs, org.apache.hadoop.fs.Path directory) throws IOException {
    long blocks = 0;
    for (FileStatus file : dataFiles(fs, directory)) {
      try (DataFileReader<GenericRecord> reader = open(fs, file)) {
        blocks += blocks(reader);
      }
    }
    return blocks;
  }

  /** A file's blocks, read to its end: a new block starts wherever the sync position moves. */
  private static long blocks(DataFileReader<GenericRecord> reader) throws IOException {
    long blocks = 0;
    long lastSync = -1;
    while (reader.hasNext()) {
      reader.next();
      if (reader.previousSync() != lastSync) {
        lastSync = reader.previousSync();
        blocks++;
      }
    }
    return blocks;
  }

  public static long size(Path directory) {
    return DataFiles.totalSize(directory, ".avro");
  }

  /** Bytes of the data files under a directory on any Hadoop file system. */
  public static long size(FileSystem fs, org.apache.hadoop.fs.Path directory) throws IOException {
    return dataFiles(fs, directory).stream().mapToLong(FileStatus::getLen).sum();
  }
}
