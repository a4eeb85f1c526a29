package dev.sparksuite.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.Command.Result;
import dev.sparksuite.testkit.SparkSubmit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every lesson and the inspector, run from the shaded jar with the real spark-submit. */
class ParquetLessonsSubmitIT {

  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "WriteReadExample          | rows written 1000, read 1000, equal: true",
      "CompressionCodecsExample  | lzo           not written: codec class com.hadoop.compression.lzo.LzoCodec is not on the classpath",
      "PartitionDiscoveryExample | scan for country = 'DE':    2 files in 1 partition read (country=DE holds 2 files)",
      "ColumnPruningExample      | select id, amount    reads struct<id:bigint,amount:double>",
      "PredicatePushdownExample  | rows out of Spark's scan: 11,",
      "SchemaMergeExample        | columns with mergeSchema:    [id, country, channel, day]",
      "SaveModesExample          | after ignore of 1000 rows:   5",
      "LayoutTuningExample       | dictionary off",
      "BloomFilterExample        | row groups read: 8 by min/max, 1 with bloom filters; rows out of Spark's scan: 50,000 with bloom filters, 400,000 without",
      "PageIndexExample          | rows out of Spark's scan: 1,000 with the column index, 200,000 without",
      "TimestampTypesExample     | ts      INT96                                            min/max: false rows out of Spark's scan: 400,000",
      "NestedTypesExample        | customer.city alone reads struct<customer:struct<city:string>>",
      "FooterInspectionExample   | rows:        100,000 in 1 row group(s)",
      "EncryptionExample         | read without keys fails: ParquetCryptoRuntimeException",
      "ColumnPruningExample      | what this shows: two of ten columns cost",
      "VectorizedReaderExample   | vectorized, batch 1024         Batched: true  ColumnarToRow: true  batches:   7,814",
      "VariantShreddingExample   | 400,000 rows out of the scan (1,000 match); the same on column id: 14,059",
      "NativeParquetExample      | written by Spark, read natively: [Order[id=0, country=DE, amount=1.0]",
  })
  void lessonRunsFromTheShadedJar(String lesson, String expected) throws Exception {
    Result run = submit("dev.sparksuite.parquet." + lesson, List.of(dir.resolve("out").toString()));

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout()).as(run.describe()).contains(expected);
  }

  @Test
  void aLessonWithoutItsOutputDirectoryPrintsUsageAndExitsTwo() throws Exception {
    Result run = submit("dev.sparksuite.parquet.WriteReadExample", List.of());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderrLines()).contains("usage: spark-submit --class dev.sparksuite.parquet.WriteReadExample"
        + " formats-parquet/target/formats-parquet.jar <output-dir>");
  }

  @Test
  void theInspectorRunsFromTheJarAndNamesABadFile() throws Exception {
    Path notParquet = Files.writeString(dir.resolve("bad.parquet"), "not parquet at all");
    Result run = submit("dev.sparksuite.parquet.ParquetInspect", List.of("--verify", notParquet.toString()));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderrLines()).anySatisfy(line ->
        assertThat(line).startsWith("parquet-inspect: " + notParquet + ": not a Parquet file"));
    assertThat(run.stderr()).doesNotContain("\tat ");
  }

  @Test
  void theShadedJarHoldsOnlyTheLessons() throws IOException {
    try (JarFile jar = new JarFile(SparkSubmit.jar().toFile())) {
      List<String> classes = new ArrayList<>();
      jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class")).forEach(classes::add);
      assertThat(classes).isNotEmpty().allMatch(n -> n.startsWith("dev/sparksuite/parquet/")
          || n.startsWith("dev/sparksuite/lessons/"), "a class of this project: parquet-hadoop and Hadoop come with Spark");
    }
  }

  private static Result submit(String mainClass, List<String> args) throws Exception {
    return SparkSubmit.runLesson(mainClass, args, TIMEOUT);
  }
}
