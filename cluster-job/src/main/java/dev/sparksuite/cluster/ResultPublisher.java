package dev.sparksuite.cluster;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes result tables as Parquet under an output directory, all or nothing, safe against a run
 * killed halfway and against two runs publishing to one path.
 *
 * <p>Every table is first written to a hidden staging directory beside the output. Only when all
 * writes have succeeded and the caller confirms the results does {@link #publish} swap it in: the
 * old output is renamed aside, the staging directory is renamed into place, and only then is the
 * old output deleted. A failure of the second rename puts the old output back; a failure of the
 * delete leaves the new output in place and the old one aside. Between the two renames the output
 * path is absent: a run killed there leaves the old output whole but aside, and {@link #recover},
 * which a run calls before it stages, renames it back.
 *
 * <p>Two runs publishing at once: Hadoop's {@code rename} of a directory onto an existing one does
 * not fail but moves it inside (HDFS), or copies it inside (the local file system, when the plain
 * rename is refused). So after its rename the publisher looks for its staging directory inside the
 * output; if it is there, another run published first, and the publisher moves its result back out
 * and fails, naming where its whole result is. A run that finds the previous output already moved
 * aside by another goes on as onto an empty path. So of two runs exactly one reports success, and
 * the other's result is kept, not deleted. A rename is atomic on HDFS and local disks; on object
 * stores it is a copy, and a table format such as Iceberg is the tool for atomic commits.
 */
public final class ResultPublisher implements AutoCloseable {

  private final FileSystem fs;
  private final Path output;
  private final Path staging;
  private final Path aside;
  private final Runnable betweenRenames;
  private boolean published;
  private boolean keepStaging;

  public ResultPublisher(SparkSession spark, String output) throws IOException {
    this(
        new Path(output).getFileSystem(spark.sparkContext().hadoopConfiguration()),
        new Path(output));
  }

  ResultPublisher(FileSystem fs, Path output) {
    this(fs, output, () -> {});
  }

  /** {@code betweenRenames} runs after the old output is set aside, before the new one moves in. */
  ResultPublisher(FileSystem fs, Path output, Runnable betweenRenames) {
    this.fs = fs;
    this.output = fs.makeQualified(output);
    this.betweenRenames = betweenRenames;
    Path parent = this.output.getParent();
    // Spark and Hadoop skip files whose names start with '.' or '_', so readers never see these.
    String id = UUID.randomUUID().toString();
    this.staging = new Path(parent, stagingPrefix() + id);
    this.aside = new Path(parent, asidePrefix() + id);
  }

  /**
   * Repairs what a run killed while publishing left: with no output and an earlier output set
   * aside, the newest one set aside is renamed back into place. Staging directories and other
   * outputs set aside are named, not deleted: a run may still be writing them. Returns one line per
   * repair or leftover.
   */
  public List<String> recover() throws IOException {
    List<String> lines = new ArrayList<>();
    List<FileStatus> asides = leftovers(asidePrefix());
    if (!fs.exists(output) && !asides.isEmpty()) {
      Path newest = asides.get(asides.size() - 1).getPath();
      rename(newest, output, "put the output set aside in " + newest + " back into " + output);
      if (nestedInOutput(newest)) {
        throw new IOException(
            "another run published to " + output + " while the previous output was put back");
      }
      lines.add("recovered: the output set aside by an interrupted run is back in " + output);
      asides = asides.subList(0, asides.size() - 1);
    }
    for (FileStatus left : asides) {
      lines.add("leftover: an earlier output set aside in " + left.getPath() + " (not deleted)");
    }
    for (FileStatus left : leftovers(stagingPrefix())) {
      lines.add(
          "leftover: a staging directory "
              + left.getPath()
              + " (not deleted: delete it once no run writes to "
              + output
              + ")");
    }
    return lines;
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
    if (hadOutput && !renamedIfThere(output, aside)) {
      if (fs.exists(output)) {
        throw new IOException("cannot move the previous output " + output + " aside");
      }
      // Another run moved it aside first: this one publishes as onto an empty path.
      hadOutput = false;
    }
    betweenRenames.run();
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
    if (nestedInOutput(staging)) {
      rename(
          new Path(output, staging.getName()), staging, "move this run's result out of " + output);
      keepStaging = true;
      throw new IOException(
          "another run published to "
              + output
              + " at the same time; this run's result is whole in "
              + staging
              + (hadOutput && fs.exists(aside) ? ", the output before both in " + aside : ""));
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

  /** The staging directory, for tests that stage without Spark. */
  Path staging() {
    return staging;
  }

  private boolean nestedInOutput(Path moved) throws IOException {
    return fs.exists(new Path(output, moved.getName()));
  }

  private List<FileStatus> leftovers(String prefix) throws IOException {
    Path parent = output.getParent();
    if (!fs.exists(parent)) {
      return List.of();
    }
    return Arrays.stream(fs.listStatus(parent))
        .filter(s -> s.getPath().getName().startsWith(prefix) && !s.getPath().equals(staging))
        .sorted(Comparator.comparingLong(FileStatus::getModificationTime))
        .toList();
  }

  private String stagingPrefix() {
    return "." + output.getName() + "-staging-";
  }

  private String asidePrefix() {
    return "." + output.getName() + "-previous-";
  }

  /**
   * A rename whose source may have gone: false then, on HDFS as on the local file system (whose
   * rename falls back to a copy that throws for a missing source).
   */
  private boolean renamedIfThere(Path from, Path to) throws IOException {
    try {
      return fs.rename(from, to);
    } catch (FileNotFoundException gone) {
      return false;
    }
  }

  private void rename(Path from, Path to, String what) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("cannot " + what);
    }
  }

  /**
   * Removes the staging directory unless it was published or holds a result another run's output
   * displaced; the previous output is untouched.
   */
  @Override
  public void close() throws IOException {
    if (!published && !keepStaging && fs.exists(staging)) {
      fs.delete(staging, true);
    }
  }
}
