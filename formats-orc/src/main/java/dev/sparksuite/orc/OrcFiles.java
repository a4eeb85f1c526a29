package dev.sparksuite.orc;

import dev.sparksuite.lessonkit.DataFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.hive.ql.io.sarg.SearchArgument;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.orc.RecordReader;

/** orc-core below Spark: the ORC files of a directory, their readers, and rows a filter reads. */
public final class OrcFiles {

  private OrcFiles() {}

  /** ORC data files under a directory, recursively, skipping Spark's markers and checksums. */
  public static List<Path> dataFiles(Path directory) {
    return DataFiles.list(directory, ".orc");
  }

  public static Reader open(Path file) throws IOException {
    return OrcFile.createReader(
        new org.apache.hadoop.fs.Path(file.toUri()), OrcFile.readerOptions(new Configuration()));
  }

  /**
   * The first ORC data file's reader under a directory of any Hadoop file system ({@code hdfs:},
   * {@code file:}), opened through that file system.
   */
  public static Reader openFirst(FileSystem fs, org.apache.hadoop.fs.Path directory)
      throws IOException {
    for (FileStatus file : DataFiles.list(fs, directory)) {
      if (file.getPath().getName().endsWith(".orc")) {
        return OrcFileReport.open(fs, file);
      }
    }
    throw new IOException("no .orc file under " + directory);
  }

  /** The first data file's reader, for lessons that write one file. */
  public static Reader openFirst(Path directory) {
    try {
      return open(dataFiles(directory).get(0));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the first ORC file in " + directory, e);
    }
  }

  /**
   * Rows orc-core hands out for a search argument, over all files: it skips whole row groups (one
   * row-index stride each) whose statistics or bloom filters rule the predicate out, and returns
   * every row of the groups it keeps; the caller still filters rows.
   */
  public static long rowsRead(Path directory, SearchArgument sarg, String... sargColumns) {
    long rows = 0;
    for (Path file : dataFiles(directory)) {
      try (Reader reader = open(file);
          RecordReader records = reader.rows(reader.options().searchArgument(sarg, sargColumns))) {
        VectorizedRowBatch batch = reader.getSchema().createRowBatch();
        while (records.nextBatch(batch)) {
          rows += batch.size;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return rows;
  }

  public static long size(Path directory) {
    return DataFiles.totalSize(directory, ".orc");
  }
}
