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
 * writes have succeeded and the caller confirms the results is an existing output removed and the
 * staging directory renamed into place: a failed or wrong run never leaves half an output that
 * looks like a finished one. (A rename is atomic on HDFS and local disks; on object stores it is
 * a copy, and a table format such as Iceberg is the tool for atomic commits.)
 */
public final class ResultPublisher implements AutoCloseable {

  private final FileSystem fs;
  private final Path output;
  private final Path staging;
  private boolean published;

  public ResultPublisher(SparkSession spark, String output) throws IOException {
    this.output = new Path(output);
    this.fs = this.output.getFileSystem(spark.sparkContext().hadoopConfiguration());
    Path parent = this.fs.makeQualified(this.output).getParent();
    // Spark and Hadoop skip files whose names start with '.' or '_', so readers never see staging.
    this.staging = new Path(parent, "." + this.output.getName() + "-staging-" + UUID.randomUUID());
  }

  /** Writes each table to {@code <staging>/<name>} as Parquet. */
  public void stage(Map<String, Dataset<Row>> tables) {
    tables.forEach(
        (name, table) ->
            table.write().mode(SaveMode.ErrorIfExists).parquet(new Path(staging, name).toString()));
  }

  /** Replaces the output with the staged tables. */
  public void publish() throws IOException {
    if (fs.exists(output) && !fs.delete(output, true)) {
      throw new IOException("cannot remove the previous output " + output);
    }
    if (!fs.rename(staging, output)) {
      throw new IOException("cannot move " + staging + " to " + output);
    }
    published = true;
  }

  /** Removes the staging directory unless it was published; the previous output is untouched. */
  @Override
  public void close() throws IOException {
    if (!published && fs.exists(staging)) {
      fs.delete(staging, true);
    }
  }
}
