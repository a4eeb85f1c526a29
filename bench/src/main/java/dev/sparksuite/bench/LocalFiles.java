package dev.sparksuite.bench;

import dev.sparksuite.lessonkit.DataFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * The benchmark's data lives on the local disk; the format modules' helpers it reuses take Hadoop's
 * {@code FileSystem} and paths, as the lessons do (they run on HDFS too).
 */
final class LocalFiles {

  private LocalFiles() {}

  static FileSystem fileSystem() {
    try {
      return FileSystem.getLocal(new Configuration());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the local file system", e);
    }
  }

  static org.apache.hadoop.fs.Path hadoopPath(Path local) {
    return new org.apache.hadoop.fs.Path(local.toUri());
  }

  /** Bytes on disk of a directory's data files with this extension, as the lessons count them. */
  static long totalSize(Path directory, String extension) {
    try {
      return DataFiles.totalSize(fileSystem(), hadoopPath(directory), extension);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the files of " + directory, e);
    }
  }
}
