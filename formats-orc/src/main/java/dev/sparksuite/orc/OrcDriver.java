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
              new Entry(OrcWriteReadExample.class, "<output-dir>", "lesson 1: write and read"),
              new Entry(OrcCompressionExample.class, "<output-dir>", "lesson 2: codecs"),
              new Entry(
                  StripesAndIndexExample.class,
                  "<output-dir>",
                  "lesson 3: stripes and the row index"),
              new Entry(OrcPushdownExample.class, "<output-dir>", "lesson 4: predicate push-down"),
              new Entry(OrcBloomFilterExample.class, "<output-dir>", "lesson 5: bloom filters"),
              new Entry(OrcNestedTypesExample.class, "<output-dir>", "lesson 6: complex types"),
              new Entry(HiveOrcTableExample.class, "<output-dir>", "lesson 7: Hive tables"),
              new Entry(IcebergAcidExample.class, "<output-dir>", "lesson 8: ACID with Iceberg"),
              new Entry(
                  OrcEncryptionExample.class,
                  "<output-dir>",
                  "lesson 9: column encryption and masking"),
              new Entry(
                  IcebergMergeOnReadExample.class, "<output-dir>", "lesson 10: merge-on-read"),
              new Entry(
                  SkippingCostsExample.class, "<output-dir>", "lesson 11: what skipping costs"),
              new Entry(NativeOrcExample.class, "<output-dir>", "native twin")),
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
