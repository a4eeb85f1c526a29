package dev.sparksuite.parquet;

import dev.sparksuite.lessons.Lesson;
import dev.sparksuite.lessons.ScanMetrics;
import dev.sparksuite.lessons.ScanMetrics.Scan;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Lesson 4: column pruning. Parquet stores each column in its own chunks, so a query that needs
 * two of ten columns asks the reader for exactly those two, and the other eight are never read
 * from disk. The scan's read schema in the plan shows what was requested.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.parquet.ColumnPruningExample
 * formats-parquet/target/formats-parquet.jar <output-dir>}
 */
public final class ColumnPruningExample {

  private ColumnPruningExample() {}

  /** Columns in the files, and the schema the two-column query's scan read. */
  public record Pruning(int columnsInFile, String readSchemaAll, String readSchemaTwo) {}

  public static void main(String[] args) {
    Path output = Lesson.outputDirectory(args, ColumnPruningExample.class);
    SparkSession spark = Lesson.session(ColumnPruningExample.class);
    try {
      Pruning p = prune(spark, output.resolve("orders"));
      System.out.println("columns in the file: " + p.columnsInFile());
      System.out.println("select *             reads " + p.readSchemaAll());
      System.out.println("select id, amount    reads " + p.readSchemaTwo());
    } finally {
      spark.stop();
    }
  }

  public static Pruning prune(SparkSession spark, Path path) {
    SampleData.orders(spark, 10_000, 1).write().mode("overwrite").parquet(path.toString());

    Scan all = ScanMetrics.collectAndMeasure(spark.read().parquet(path.toString()));
    Scan two = ScanMetrics.collectAndMeasure(spark.read().parquet(path.toString()).select("id", "amount"));
    // two.readSchema() is struct<id:bigint,amount:double>: the reader never touches the other 8 columns.
    int columns = ParquetFooters.footer(ParquetFooters.dataFiles(path).get(0)).getFileMetaData().getSchema()
        .getColumns().size();
    return new Pruning(columns, all.readSchema(), two.readSchema());
  }
}
