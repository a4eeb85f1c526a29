package dev.sparksuite.orc;

import dev.sparksuite.lessonkit.JarIndex;
import dev.sparksuite.lessonkit.JarIndex.Entry;
import java.util.List;

/**
 * The jar's {@code Main-Class}: {@code spark-submit formats-orc.jar} lists the lessons (in the
 * module README's order) and the inspector; {@code spark-submit formats-orc.jar <Class>
 * <arguments>} runs one.
 */
public final class OrcDriver {

  static final JarIndex INDEX =
      new JarIndex(
          "formats-orc.jar",
          List.of(
              new Entry(
                  OrcWriteReadExample.class,
                  OrcWriteReadExample::teach,
                  "lesson 1: write and read"),
              new Entry(
                  OrcCompressionExample.class, OrcCompressionExample::teach, "lesson 2: codecs"),
              new Entry(
                  StripesAndIndexExample.class,
                  StripesAndIndexExample::teach,
                  "lesson 3: stripes and the row index"),
              new Entry(
                  OrcPushdownExample.class,
                  OrcPushdownExample::teach,
                  "lesson 4: predicate push-down"),
              new Entry(
                  OrcBloomFilterExample.class,
                  OrcBloomFilterExample::teach,
                  "lesson 5: bloom filters"),
              new Entry(
                  OrcNestedTypesExample.class,
                  OrcNestedTypesExample::teach,
                  "lesson 6: complex types"),
              new Entry(
                  HiveOrcTableExample.class, HiveOrcTableExample::teach, "lesson 7: Hive tables"),
              new Entry(
                  IcebergAcidExample.class,
                  IcebergAcidExample::teach,
                  "lesson 8: ACID with Iceberg"),
              new Entry(
                  OrcEncryptionExample.class,
                  OrcEncryptionExample::teach,
                  "lesson 9: column encryption and masking"),
              new Entry(
                  IcebergMergeOnReadExample.class,
                  IcebergMergeOnReadExample::teach,
                  "lesson 10: merge-on-read"),
              new Entry(
                  SkippingCostsExample.class,
                  SkippingCostsExample::teach,
                  "lesson 11: what skipping costs"),
              new Entry(NativeOrcExample.class, NativeOrcExample::teach, "native twin")),
          List.of(
              new Entry(
                  OrcInspect.class,
                  OrcInspect.USAGE.substring("usage: OrcInspect ".length()),
                  "prints an ORC file's tail, stripes and column statistics; --verify decodes every value")));

  private OrcDriver() {}

  public static void main(String[] args) throws Exception {
    int exit = INDEX.run(args);
    if (exit != 0) {
      System.exit(exit);
    }
  }
}
