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
              new Entry(WriteReadExample.class, "<output-dir>", "lesson 1: write and read"),
              new Entry(
                  CompressionCodecsExample.class, "<output-dir>", "lesson 2: compression codecs"),
              new Entry(
                  PartitionDiscoveryExample.class, "<output-dir>", "lesson 3: partitioned writes"),
              new Entry(ColumnPruningExample.class, "<output-dir>", "lesson 4: column pruning"),
              new Entry(
                  PredicatePushdownExample.class, "<output-dir>", "lesson 5: predicate push-down"),
              new Entry(SchemaMergeExample.class, "<output-dir>", "lesson 6: schema evolution"),
              new Entry(SaveModesExample.class, "<output-dir>", "lesson 7: save modes"),
              new Entry(LayoutTuningExample.class, "<output-dir>", "lesson 8: layout"),
              new Entry(BloomFilterExample.class, "<output-dir>", "lesson 9: bloom filters"),
              new Entry(
                  PageIndexExample.class, "<output-dir>", "lesson 10: column and offset indexes"),
              new Entry(NestedTypesExample.class, "<output-dir>", "lesson 11: nested types"),
              new Entry(FooterInspectionExample.class, "<output-dir>", "lesson 12: the footer"),
              new Entry(EncryptionExample.class, "<output-dir>", "lesson 13: modular encryption"),
              new Entry(TimestampTypesExample.class, "<output-dir>", "lesson 14: timestamps"),
              new Entry(
                  VectorizedReaderExample.class, "<output-dir>", "lesson 15: vectorized reader"),
              new Entry(
                  VariantShreddingExample.class, "<output-dir>", "lesson 16: VARIANT shredding"),
              new Entry(FilesToTasksExample.class, "<output-dir>", "lesson 17: files to tasks"),
              new Entry(
                  SortingForSkippingExample.class,
                  "<output-dir>",
                  "lesson 18: sorting for skipping"),
              new Entry(
                  PartitionOverwriteExample.class,
                  "<output-dir>",
                  "lesson 19: overwriting partitions"),
              new Entry(NativeParquetExample.class, "<output-dir>", "native twin")),
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
