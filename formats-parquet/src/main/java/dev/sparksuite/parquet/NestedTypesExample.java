package dev.sparksuite.parquet;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.struct;

import dev.sparksuite.lessonkit.Lesson;
import dev.sparksuite.lessonkit.NestedPruning;
import dev.sparksuite.lessonkit.ScanMetrics;
import dev.sparksuite.lessonkit.ScanMetrics.Scan;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Nested types. A struct, an array and a map are stored as separate leaf columns ({@code
 * customer.name}, {@code customer.city}, {@code items.list.element}, {@code tags.key_value.key} …)
 * with repetition and definition levels, so they round-trip exactly, and a query that needs one
 * field of a struct reads only that leaf: nested-field pruning.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.parquet.NestedTypesExample
 * formats-parquet/target/formats-parquet.jar <output-dir>}; the output directory may be a local
 * path or on HDFS ({@code hdfs://namenode:8020/lessons/parquet}).
 */
public final class NestedTypesExample {

  private NestedTypesExample() {}

  /**
   * The leaf columns in the file, the rows read back, the schema a one-field query read, and the
   * bytes {@code customer.city} costs over {@link #PRUNING_ROWS} rows with and without nested
   * schema pruning.
   */
  public record Nested(
      List<String> leafColumns,
      String schema,
      List<Row> rows,
      String readSchemaOfCity,
      NestedPruning.Bytes pruning) {}

  /** Rows of the table the pruning is measured on: enough for the name column to weigh. */
  static final long PRUNING_ROWS = 50_000;

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        NestedTypesExample.class,
        (spark, output) -> {
          System.out.println(
              "setup: 3 orders with a struct (customer), an array (items) and a map (tags), one file");
          Nested n = writeAndPrune(spark, new Path(output, "orders-nested"));
          System.out.println("schema:       " + n.schema());
          System.out.println("leaf columns: " + n.leafColumns());
          for (Row r : n.rows()) {
            System.out.printf(
                "  id=%s customer=%s items=%s tags=%s%n",
                r.get(0), r.getStruct(1), r.getList(2), r.getJavaMap(3));
          }
          System.out.println("customer.city alone reads " + n.readSchemaOfCity());
          System.out.printf(
              "customer.city over %,d rows: %,d bytes read with nested schema pruning, %,d without%n",
              PRUNING_ROWS, n.pruning().withPruning(), n.pruning().withoutPruning());
          System.out.println(
              "what this shows: Parquet stores nested types as leaf columns (one per struct field, "
                  + "array element, map key and value), so Spark reads one struct field without the rest");
        });
  }

  public static Nested writeAndPrune(SparkSession spark, Path path) throws IOException {
    spark
        .range(0, 3, 1, 1)
        .select(
            col("id"),
            struct(
                    concat(lit("customer "), col("id").cast("string")).as("name"),
                    lit("Berlin").as("city"))
                .as("customer"),
            array(col("id").multiply(10), col("id").multiply(10).plus(1)).as("items"),
            map(lit("channel"), lit("web"), lit("priority"), col("id").cast("string")).as("tags"))
        .write()
        .mode("overwrite")
        .parquet(path.toString());

    var back = spark.read().parquet(path.toString());
    FileSystem fs = Lesson.fileSystem(spark, path);
    List<String> leaves =
        ParquetFiles.footer(fs, ParquetFiles.dataFiles(fs, path).get(0))
            .getFileMetaData()
            .getSchema()
            .getColumns()
            .stream()
            .map(c -> String.join(".", c.getPath()))
            .toList();
    // Only the city leaf is read: the plan's ReadSchema is struct<customer:struct<city:string>>.
    Scan city = ScanMetrics.collectAndMeasure(back.select(col("customer.city")));
    return new Nested(
        leaves,
        back.schema().simpleString(),
        back.orderBy("id").collectAsList(),
        city.readSchema(),
        NestedPruning.measure(spark, customers(spark, path), "customer.city"));
  }

  /**
   * {@link #PRUNING_ROWS} customers written beside the lesson's file: a long unique name and one of
   * three cities per row.
   */
  static Dataset<Row> customers(SparkSession spark, Path path) {
    String table = new Path(path.getParent(), path.getName() + "-customers").toString();
    spark
        .range(PRUNING_ROWS)
        .selectExpr(
            "id",
            "named_struct('name', concat('customer ', id, ' ', sha2(CAST(id AS STRING), 256)), "
                + "'city', element_at(array('Berlin', 'Paris', 'Rome'), CAST(id % 3 AS INT) + 1)) "
                + "AS customer")
        .write()
        .mode("overwrite")
        .parquet(table);
    // Vectored reads on the local file system escape the task's byte count (ColumnPruningExample).
    return spark.read().option("parquet.hadoop.vectored.io.enabled", "false").parquet(table);
  }
}
