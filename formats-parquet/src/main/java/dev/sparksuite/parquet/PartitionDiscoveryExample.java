package dev.sparksuite.parquet;

import dev.sparksuite.lessons.Lesson;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Lesson 3: partitioned writes and partition discovery. {@code partitionBy("country")} writes one
 * directory per value ({@code country=DE/…}) and leaves the column out of the files: the value
 * lives in the path. On read, Spark discovers the directories, turns them back into a column, and
 * a filter on that column prunes whole directories before any file is opened.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.parquet.PartitionDiscoveryExample
 * formats-parquet/target/formats-parquet.jar <output-dir>}
 */
public final class PartitionDiscoveryExample {

  private PartitionDiscoveryExample() {}

  /**
   * The directories written, the directories whose files the filtered query read, its row count,
   * and the partition filter in its plan.
   */
  public record Pruning(List<String> directories, List<String> directoriesRead, long rows, String partitionFilters) {}

  public static void main(String[] args) {
    Path output = Lesson.outputDirectory(args, PartitionDiscoveryExample.class);
    SparkSession spark = Lesson.session(PartitionDiscoveryExample.class);
    try {
      Pruning p = writeAndPrune(spark, output.resolve("orders-by-country"));
      System.out.println("directories written:        " + p.directories());
      System.out.println("read for country = 'DE':    " + p.directoriesRead());
      System.out.println("rows: " + p.rows() + ", partition filters in the plan: " + p.partitionFilters());
    } finally {
      spark.stop();
    }
  }

  public static Pruning writeAndPrune(SparkSession spark, Path path) {
    SampleData.orders(spark, 10_000, 2).write().mode("overwrite").partitionBy("country").parquet(path.toString());

    Dataset<Row> germany = spark.read().parquet(path.toString()).where(col("country").equalTo("DE"));
    // input_file_name() names the file each row came from: only country=DE files appear.
    List<String> read = germany.select(input_file_name().as("file")).distinct().collectAsList().stream()
        .map(r -> Path.of(java.net.URI.create(r.getString(0))).getParent().getFileName().toString())
        .distinct().sorted().toList();
    String plan = germany.queryExecution().executedPlan().toString();
    // The scan node lists it as: PartitionFilters: [isnotnull(country#12), (country#12 = DE)]
    String partitionFilters = plan.lines().filter(l -> l.contains("PartitionFilters"))
        .map(l -> l.replaceAll(".*PartitionFilters: (\\[[^]]*]).*", "$1")).findFirst().orElse("none");
    return new Pruning(partitionDirectories(path), read, germany.count(), partitionFilters);
  }

  private static List<String> partitionDirectories(Path path) {
    try (Stream<Path> dirs = Files.list(path)) {
      return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
