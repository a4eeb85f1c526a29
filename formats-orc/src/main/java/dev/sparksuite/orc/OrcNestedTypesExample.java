package dev.sparksuite.orc;

import dev.sparksuite.lessonkit.Lesson;
import dev.sparksuite.lessonkit.ScanMetrics;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.orc.Reader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Complex types. ORC stores a struct, a list and a map as a tree of columns, each with its own
 * streams and statistics ({@code struct<name,city>}, {@code array<bigint>}, {@code
 * map<string,string>}), so they round-trip exactly, and a query that needs one struct field reads
 * only that column of the tree: nested-field pruning.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.orc.OrcNestedTypesExample
 * formats-orc/target/formats-orc.jar <output-dir>}; the output directory may be a local path or on
 * HDFS ({@code hdfs://namenode:8020/lessons/orc}).
 */
public final class OrcNestedTypesExample {

  private OrcNestedTypesExample() {}

  /** The ORC type tree in the file, the rows read back, and the schema a one-field query read. */
  public record Nested(String orcSchema, List<Row> rows, String readSchemaOfCity) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        OrcNestedTypesExample.class,
        (spark, output) -> {
          Nested n = writeAndPrune(spark, new Path(output, "orders-nested"));
          System.out.printf(
              "setup: %d rows with a struct (customer), a list (items) and a map (tags), one file%n",
              n.rows().size());
          System.out.println("ORC schema: " + n.orcSchema());
          System.out.println("rows (id, customer{name, city}, items, tags):");
          n.rows().forEach(r -> System.out.println("  " + r));
          System.out.println("customer.city alone reads " + n.readSchemaOfCity());
          System.out.println(
              "what this shows: nested types are columns of their own in ORC, so selecting one "
                  + "struct field makes Spark's scan read that field alone (its ReadSchema above), not the whole struct");
        });
  }

  public static Nested writeAndPrune(SparkSession spark, Path path) throws IOException {
    spark
        .sql(
            "SELECT id, named_struct('name', concat('customer ', id), 'city', 'Berlin') AS customer, "
                + "array(id * 10, id * 10 + 1) AS items, map('channel', 'web', 'priority', CAST(id AS STRING)) AS tags "
                + "FROM range(3)")
        .coalesce(1)
        .write()
        .mode("overwrite")
        .orc(path.toString());

    var back = spark.read().orc(path.toString());
    // ReadSchema: struct<customer:struct<city:string>>: the name column of the struct is not read.
    String city = ScanMetrics.collectAndMeasure(back.select("customer.city")).readSchema();
    String orcSchema;
    try (Reader reader = OrcFiles.openFirst(Lesson.fileSystem(spark, path), path)) {
      orcSchema = reader.getSchema().toString();
    }
    return new Nested(orcSchema, back.orderBy("id").collectAsList(), city);
  }
}
