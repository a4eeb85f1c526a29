package dev.sparksuite.avro;

import java.io.IOException;
import org.apache.avro.file.SeekableInput;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * A file of any Hadoop file system ({@code file:}, {@code hdfs:}) as the avro library's {@link
 * SeekableInput}, so {@code DataFileReader} reads it where Spark wrote it: the avro core library
 * only opens local files and streams. (avro-mapred's {@code FsInput}, which Spark ships too, does
 * the same; this module depends on avro core only.)
 */
final class HadoopSeekableInput implements SeekableInput {

  private final FSDataInputStream in;
  private final long length;

  HadoopSeekableInput(FileSystem fs, FileStatus file) throws IOException {
    this.in = fs.open(file.getPath());
    this.length = file.getLen();
  }

  @Override
  public void seek(long position) throws IOException {
    in.seek(position);
  }

  @Override
  public long tell() throws IOException {
    return in.getPos();
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public int read(byte[] buffer, int offset, int count) throws IOException {
    return in.read(buffer, offset, count);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
