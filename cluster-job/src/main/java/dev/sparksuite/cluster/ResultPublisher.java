package dev.sparksuite.cluster;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes result tables as Parquet under an output directory, all or nothing.
 *
 * <p>Every table is first written to a hidden staging directory beside the output. Only when all
 * writes have succeeded and the caller confirms the results does {@link #publish} swap it in, in
 * three steps: the old output is renamed aside, the staging directory is renamed into place, and
 * only then is the old output deleted. A failure in the first two steps puts the old output back; a
 * failure in the third leaves the new output in place and the old one aside. So the output path
 * always holds one whole result, old or new, never half of one and never none (between the two
 * renames the path is briefly absent, not partial). A rename is atomic on HDFS and local disks; on
 * object stores it is a copy, and a table format such as Iceberg is the tool for atomic commits.
 */
public final class ResultPublisher implements AutoCloseable {

  private final FileSystem fs;
  private final Path output;
  private final Path staging;
  private final Path aside;
  private boolean published;

  public ResultPublisher(SparkSession spark, String output) throws IOException {
    this(
        new Path(output).getFileSystem(spark.sparkContext().hadoopConfiguration()),
        new Path(output));
  }

  ResultPublisher(FileSystem fs, Path output) {
    this.fs = fs;
    this.output = fs.makeQualified(output);
    Path parent = this.output.getParent();
    // Spark and Hadoop skip files whose names start with '.' or '_', so readers never see these.
    String id = UUID.randomUUID().toString();
    this.staging = new Path(parent, "." + this.output.getName() + "-staging-" + id);
    this.aside = new Path(parent, "." + this.output.getName() + "-previous-" + id);
  }

  /** Writes each table to {@code <staging>/<name>} as Parquet. */
  public void stage(Map<String, Dataset<Row>> tables) {
    tables.forEach(
        (name, table) ->
            table.write().mode(SaveMode.ErrorIfExists).parquet(new Path(staging, name).toString()));
  }

  /** Replaces the output with the staged tables: old aside, new in, old deleted. */
  public void publish() throws IOException {
    boolean hadOutput = fs.exists(output);
    if (hadOutput) {
      rename(output, aside, "move the previous output " + output + " aside");
    }
    try {
      rename(staging, output, "move the new output into " + output);
    } catch (IOException e) {
      if (hadOutput) {
        rename(
            aside,
            output,
            "put the previous output back into " + output + " (it is whole in " + aside + ")");
      }
      throw e;
    }
    published = true;
    if (hadOutput && !fs.delete(aside, true)) {
      throw new IOException(
          "the new output is in "
              + output
              + ", but the previous one could not be"
              + " deleted from "
              + aside);
    }
  }

  private void rename(Path from, Path to, String what) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("cannot " + what);
    }
  }

  /** Removes the staging directory unless it was published; the previous output is untouched. */
  @Override
  public void close() throws IOException {
    if (!published && fs.exists(staging)) {
      fs.delete(staging, true);
    }
  }
}
