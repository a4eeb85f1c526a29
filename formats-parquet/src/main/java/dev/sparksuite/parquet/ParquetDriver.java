package dev.sparksuite.parquet;

import dev.sparksuite.lessonkit.JarIndex;
import dev.sparksuite.lessonkit.JarIndex.Entry;
import java.util.List;

/**
 * The jar's {@code Main-Class}: {@code spark-submit formats-parquet.jar} lists the lessons (in the
 * module README's order) and the inspector; {@code spark-submit formats-parquet.jar <Class>
 * <arguments>} runs one.
 */
public final class ParquetDriver {

  static final JarIndex INDEX =
      new JarIndex(
          "formats-parquet.jar",
          List.of(
              new Entry(
                  WriteReadExample.class, WriteReadExample::teach, "lesson 1: write and read"),
              new Entry(
                  CompressionCodecsExample.class,
                  CompressionCodecsExample::teach,
                  "lesson 2: compression codecs"),
              new Entry(
                  PartitionDiscoveryExample.class,
                  PartitionDiscoveryExample::teach,
                  "lesson 3: partitioned writes"),
              new Entry(
                  ColumnPruningExample.class,
                  ColumnPruningExample::teach,
                  "lesson 4: column pruning"),
              new Entry(
                  PredicatePushdownExample.class,
                  PredicatePushdownExample::teach,
                  "lesson 5: predicate push-down"),
              new Entry(
                  SchemaMergeExample.class,
                  SchemaMergeExample::teach,
                  "lesson 6: schema evolution"),
              new Entry(SaveModesExample.class, SaveModesExample::teach, "lesson 7: save modes"),
              new Entry(LayoutTuningExample.class, LayoutTuningExample::teach, "lesson 8: layout"),
              new Entry(
                  BloomFilterExample.class, BloomFilterExample::teach, "lesson 9: bloom filters"),
              new Entry(
                  PageIndexExample.class,
                  PageIndexExample::teach,
                  "lesson 10: column and offset indexes"),
              new Entry(
                  NestedTypesExample.class, NestedTypesExample::teach, "lesson 11: nested types"),
              new Entry(
                  FooterInspectionExample.class,
                  FooterInspectionExample::teach,
                  "lesson 12: the footer"),
              new Entry(
                  EncryptionExample.class,
                  EncryptionExample::teach,
                  "lesson 13: modular encryption"),
              new Entry(
                  TimestampTypesExample.class,
                  TimestampTypesExample::teach,
                  "lesson 14: timestamps"),
              new Entry(
                  VectorizedReaderExample.class,
                  VectorizedReaderExample::teach,
                  "lesson 15: vectorized reader"),
              new Entry(
                  VariantShreddingExample.class,
                  VariantShreddingExample::teach,
                  "lesson 16: VARIANT shredding"),
              new Entry(
                  FilesToTasksExample.class,
                  FilesToTasksExample::teach,
                  "lesson 17: files to tasks"),
              new Entry(
                  SortingForSkippingExample.class,
                  SortingForSkippingExample::teach,
                  "lesson 18: sorting for skipping"),
              new Entry(
                  PartitionOverwriteExample.class,
                  PartitionOverwriteExample::teach,
                  "lesson 19: overwriting partitions"),
              new Entry(NativeParquetExample.class, NativeParquetExample::teach, "native twin")),
          List.of(
              new Entry(
                  ParquetInspect.class,
                  ParquetInspect.USAGE.substring("usage: ParquetInspect ".length()),
                  "prints a Parquet file's footer and row groups (--pages: every page); --verify decodes every value")));

  private ParquetDriver() {}

  public static void main(String[] args) throws Exception {
    int exit = INDEX.run(args);
    if (exit != 0) {
      System.exit(exit);
    }
  }
}
