package dev.sparksuite.lessonkit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The data files Spark wrote under a directory of any Hadoop file system ({@code file:}, {@code
 * hdfs:}): every file at any depth (partition directories), or only those with the format's
 * extension, sorted; Spark's {@code _SUCCESS} markers and {@code .crc} checksums are not data.
 */
public final class DataFiles {

  private DataFiles() {}

  /**
   * Whether a file or directory name can hold data, by the rule Spark's file index applies when it
   * lists a table: names starting with {@code _} (unless they hold a partition's {@code =}) or
   * {@code .} are not data ({@code _SUCCESS}, {@code _temporary}, {@code .part-0.crc}), nor is a
   * file still being copied ({@code ._COPYING_}). Unlike Spark, Parquet summary files ({@code
   * _metadata}) are skipped too: they hold footers, not rows.
   */
  public static boolean holdsData(String name) {
    boolean hidden = (name.startsWith("_") && !name.contains("=")) || name.startsWith(".");
    return !hidden && !name.endsWith("._COPYING_") && !name.endsWith(".crc");
  }

  /**
   * The data files under a directory of any Hadoop file system ({@code file:}, {@code hdfs:},
   * {@code s3a:}), at any depth, sorted by path. Any file name counts, not only one extension: Hive
   * and Arrow name their files {@code 000000_0} and {@code data_0}.
   */
  public static List<FileStatus> list(FileSystem fs, org.apache.hadoop.fs.Path directory)
      throws IOException {
    List<FileStatus> files = new ArrayList<>();
    collect(fs, directory, files);
    files.sort(Comparator.comparing(f -> f.getPath().toString()));
    return files;
  }

  /**
   * The data files with the format's extension under a directory of any Hadoop file system, at any
   * depth (partition directories), sorted by path.
   */
  public static List<FileStatus> list(
      FileSystem fs, org.apache.hadoop.fs.Path directory, String extension) throws IOException {
    return list(fs, directory).stream()
        .filter(f -> f.getPath().getName().endsWith(extension))
        .toList();
  }

  /** Bytes stored of those files: what a codec or a layout choice costs. */
  public static long totalSize(FileSystem fs, org.apache.hadoop.fs.Path directory, String extension)
      throws IOException {
    return list(fs, directory, extension).stream().mapToLong(FileStatus::getLen).sum();
  }

  private static void collect(
      FileSystem fs, org.apache.hadoop.fs.Path directory, List<FileStatus> files)
      throws IOException {
    RemoteIterator<FileStatus> entries = fs.listStatusIterator(directory);
    while (entries.hasNext()) {
      FileStatus entry = entries.next();
      if (!holdsData(entry.getPath().getName())) {
        continue;
      }
      if (entry.isDirectory()) {
        collect(fs, entry.getPath(), files);
      } else {
        files.add(entry);
      }
    }
  }
}
