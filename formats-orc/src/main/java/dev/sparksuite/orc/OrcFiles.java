package dev.sparksuite.orc;

import dev.sparksuite.lessonkit.DataFiles;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.hive.ql.io.sarg.SearchArgument;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.orc.RecordReader;

/**
 * orc-core below Spark: the ORC files of a directory, their readers, and rows a filter reads, on
 * any Hadoop file system ({@code file:}, {@code hdfs:}), reached through its {@code FileSystem}.
 */
public final class OrcFiles {

  private OrcFiles() {}

  /** ORC data files under a directory, recursively, skipping Spark's markers and checksums. */
  public static List<FileStatus> dataFiles(FileSystem fs, Path directory) throws IOException {
    return DataFiles.list(fs, directory, ".orc");
  }

  public static Reader open(FileSystem fs, Path file) throws IOException {
    return OrcFile.createReader(file, OrcFile.readerOptions(fs.getConf()).filesystem(fs));
  }

  /** The first ORC data file's reader under a directory, for lessons that write one file. */
  public static Reader openFirst(FileSystem fs, Path directory) throws IOException {
    List<FileStatus> files = dataFiles(fs, directory);
    if (files.isEmpty()) {
      throw new IOException("no .orc file under " + directory);
    }
    return OrcFileReport.open(fs, files.get(0));
  }

  /**
   * Rows orc-core hands out for a search argument, over all files: it skips whole row groups (one
   * row-index stride each) whose statistics or bloom filters rule the predicate out, and returns
   * every row of the groups it keeps; the caller still filters rows.
   */
  public static long rowsRead(
      FileSystem fs, Path directory, SearchArgument sarg, String... sargColumns)
      throws IOException {
    long rows = 0;
    for (FileStatus file : dataFiles(fs, directory)) {
      try (Reader reader = OrcFileReport.open(fs, file);
          RecordReader records = reader.rows(reader.options().searchArgument(sarg, sargColumns))) {
        VectorizedRowBatch batch = reader.getSchema().createRowBatch();
        while (records.nextBatch(batch)) {
          rows += batch.size;
        }
      }
    }
    return rows;
  }

  /** Bytes stored of the ORC data files under a directory. */
  public static long size(FileSystem fs, Path directory) throws IOException {
    return DataFiles.totalSize(fs, directory, ".orc");
  }
}
