package dev.sparksuite.cluster;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A small list of Java records as a DataFrame, one column per record component. ({@code
 * createDataFrame(list, Class)} expects JavaBean getters, which records do not have.)
 */
final class RecordFrames {

  private RecordFrames() {}

  static <T extends Record> Dataset<Row> of(SparkSession spark, List<T> records, Class<T> type) {
    RecordComponent[] components = type.getRecordComponents();
    StructType schema = new StructType();
    for (RecordComponent component : components) {
      schema = schema.add(component.getName(), sparkType(component.getType()), false);
    }
    List<Row> rows = new ArrayList<>();
    for (T record : records) {
      Object[] values = new Object[components.length];
      for (int i = 0; i < components.length; i++) {
        try {
          values[i] = components[i].getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot read " + components[i] + " of " + record, e);
        }
      }
      rows.add(RowFactory.create(values));
    }
    return spark.createDataFrame(rows, schema);
  }

  private static DataType sparkType(Class<?> type) {
    if (type == int.class) {
      return DataTypes.IntegerType;
    } else if (type == long.class) {
      return DataTypes.LongType;
    } else if (type == String.class) {
      return DataTypes.StringType;
    }
    throw new IllegalArgumentException("no Spark type for record component type " + type);
  }
}
