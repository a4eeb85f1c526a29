package dev.sparksuite.avro;

import dev.sparksuite.lessonkit.DataFiles;
import dev.sparksuite.lessonkit.InspectionException;
import java.io.IOException;
import java.util.List;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.SeekableInput;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The avro library below Spark: the data files of a directory on any Hadoop file system ({@code
 * file:}, {@code hdfs:}) and what their headers say.
 */
public final class AvroFiles {

  private AvroFiles() {}

  /** The {@code .avro} data files under a directory of any Hadoop file system, sorted by path. */
  public static List<FileStatus> dataFiles(FileSystem fs, Path directory) throws IOException {
    return DataFiles.list(fs, directory, ".avro");
  }

  public static DataFileReader<GenericRecord> open(FileSystem fs, FileStatus file)
      throws IOException {
    return new DataFileReader<>(new HadoopSeekableInput(fs, file), new GenericDatumReader<>());
  }

  /**
   * A file of any Hadoop file system as the avro library's input, for a {@code DataFileReader} with
   * any datum reader (a reader's schema, a generated class).
   */
  public static SeekableInput input(FileSystem fs, Path file) throws IOException {
    return new HadoopSeekableInput(fs, fs.getFileStatus(file));
  }

  /**
   * A header entry of a file on any Hadoop file system: {@code avro.codec}, {@code avro.schema}, or
   * anything the writer added.
   */
  public static String header(FileSystem fs, FileStatus file, String key) throws IOException {
    try (DataFileReader<GenericRecord> reader = open(fs, file)) {
      return reader.getMetaString(key);
    }
  }

  /** A header entry of a file on any Hadoop file system, by path. */
  public static String header(FileSystem fs, Path file, String key) throws IOException {
    return header(fs, fs.getFileStatus(file), key);
  }

  /**
   * Blocks in these data files (as {@link #dataFiles} lists them), counted from the blocks' headers
   * as {@code AvroInspect} counts them: each block starts with its record count and byte size, so
   * nothing is decoded.
   */
  public static long blocks(FileSystem fs, List<FileStatus> files) throws IOException {
    long blocks = 0;
    for (FileStatus file : files) {
      try (FSDataInputStream in = fs.open(file.getPath())) {
        blocks += AvroBlocks.read(in, file.getLen()).blocks().size();
      } catch (InspectionException e) {
        throw new IOException(file.getPath() + ": " + e.getMessage(), e);
      }
    }
    return blocks;
  }

  /** Bytes of the data files under a directory on any Hadoop file system. */
  public static long size(FileSystem fs, Path directory) throws IOException {
    return DataFiles.totalSize(fs, directory, ".avro");
  }
}
