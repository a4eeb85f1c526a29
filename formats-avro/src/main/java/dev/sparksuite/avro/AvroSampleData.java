package dev.sparksuite.avro;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The Avro lessons' orders: every column derives from the id. */
final class AvroSampleData {

  private AvroSampleData() {}

  static Dataset<Row> orders(SparkSession spark, long rows, int partitions) {
    return spark
        .range(0, rows, 1, partitions)
        .selectExpr(
            "id",
            "element_at(array('DE', 'FR', 'NL', 'PL', 'SE'), CAST(id % 5 AS INT) + 1) AS country",
            "CAST(id % 100 + 1 AS DOUBLE) AS amount",
            "concat('order ', id) AS note");
  }
}
