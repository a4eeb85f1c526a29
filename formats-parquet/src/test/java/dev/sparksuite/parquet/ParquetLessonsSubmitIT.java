package dev.sparksuite.parquet;

import static dev.sparksuite.testkit.FormatJarTests.lesson;
import static dev.sparksuite.testkit.SparkTestBase.hadoopPath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.lessonkit.JarIndex;
import dev.sparksuite.testkit.FormatJarTests;
import dev.sparksuite.testkit.SparkSubmit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/** Every lesson and the inspector, run from the shaded jar with the real spark-submit. */
class ParquetLessonsSubmitIT extends FormatJarTests {

  @Override
  protected JarIndex index() {
    return ParquetDriver.INDEX;
  }

  @Override
  protected String pkg() {
    return "dev.sparksuite.parquet";
  }

  @Override
  protected String inspector() {
    return "ParquetInspect";
  }

  @Override
  protected String notThisFormat() {
    return "not a Parquet file";
  }

  @Override
  protected String roundTripLesson() {
    return "WriteReadExample";
  }

  /** It reads without keys on purpose; Spark's executor logs that failed task with its trace. */
  @Override
  protected boolean logsAStackTraceOnPurpose(String lesson) {
    // SaveModesExample runs an overwrite whose task fails on purpose.
    return lesson.equals("EncryptionExample") || lesson.equals("SaveModesExample");
  }

  /**
   * Each lesson once, with what its output must hold: the setup line, its key numbers, and its
   * "what this shows" line.
   */
  static Stream<Arguments> lessons() {
    return Stream.of(
        lesson(
            "WriteReadExample",
            "rows written 1000, read 1000, equal: true",
            "what this shows: Parquet keeps every column's name, type and value"),
        lesson(
            "CompressionCodecsExample",
            "lzo           not written: codec class com.hadoop.compression.lzo.LzoCodec is not on the classpath",
            "what this shows: the codec is recorded per column chunk"),
        lesson(
            "PartitionDiscoveryExample",
            "scan for country = 'DE':    2 files in 1 partition read (country=DE holds 2 files)",
            "what this shows: a filter on a partition column removes whole directories"),
        lesson(
            "ColumnPruningExample",
            "select id, amount    reads struct<id:bigint,amount:double>",
            "what this shows: two of ten columns cost"),
        lesson(
            "PredicatePushdownExample",
            "rows out of Spark's scan: 11,",
            "1,000,000 without",
            "what this shows: on data sorted by the filter column, min/max statistics"),
        lesson(
            "SchemaMergeExample",
            "columns without mergeSchema: [id, country, day]",
            "columns with mergeSchema:    [id, country, channel, day]",
            "  id=0 country=DE channel=null",
            "  id=2 country=NL channel=web",
            "what this shows: without mergeSchema Spark takes the schema of one file"),
        lesson(
            "SaveModesExample",
            "after append of 10 rows:     110",
            "after overwrite with 5 rows: 5",
            "after ignore of 1000 rows:   5",
            "after an overwrite that failed: [UNABLE_TO_INFER_SCHEMA]",
            "what this shows: errorIfExists (the default) refuses"),
        lesson(
            "PartitionOverwriteExample",
            "after a static overwrite:  Table[partitions=[country=DE], rowsPerCountry=[[DE,10]]]",
            "after a dynamic overwrite: Table[partitions=[country=DE, country=FR, country=NL], "
                + "rowsPerCountry=[[DE,10], [FR,1000], [NL,1000]]]",
            "files: 12 for 4 tasks x 3 partitions; 36 with maxRecordsPerFile=100",
            "what this shows: a static overwrite (the default) deletes every partition"),
        lesson(
            "LayoutTuningExample",
            "dictionary off",
            "what this shows: block size sets the row groups"),
        lesson(
            "BloomFilterExample",
            "row groups read: 8 by min/max, 1 with bloom filters; rows out of Spark's scan: "
                + "50,000 with bloom filters, 400,000 without",
            "what this shows: a bloom filter skips row groups"),
        lesson(
            "PageIndexExample",
            "rows out of Spark's scan: 1,000 with the column index, 200,000 without",
            "what this shows: the column index lets Spark skip pages"),
        lesson(
            "TimestampTypesExample",
            "ts      INT96                                            min/max in 0 of",
            "row groups, rows out of Spark's scan: 400,000",
            "what this shows: INT96, Spark's default, has no min/max statistics"),
        lesson(
            "NestedTypesExample",
            "customer.city alone reads struct<customer:struct<city:string>>",
            "  id=1 customer=[customer 1,Berlin] items=[10, 11]",
            "what this shows: Parquet stores nested types as leaf columns"),
        lesson(
            "FooterInspectionExample",
            "rows:        100,000 in 1 row group(s)",
            "what this shows: the footer alone holds the schema"),
        lesson(
            "EncryptionExample",
            "read without keys fails: ParquetCryptoRuntimeException",
            "what this shows: every file gets its own data keys"),
        lesson(
            "VectorizedReaderExample",
            "vectorized, batch 1024         Batched: true  ColumnarToRow: true  batches:   7,814",
            "what this shows: the vectorized reader hands the plan batches"),
        lesson(
            "VariantShreddingExample",
            "400,000 rows out of the scan (1,000 match); the same on column id: 14,059",
            "what this shows: shredding gives a variant field typed columns"),
        lesson(
            "NativeParquetExample",
            "written by Spark, read natively: [Order[id=0, country=DE, amount=1.0]",
            "what this shows: a Parquet file does not depend on its writer"),
        lesson(
            "FilesToTasksExample",
            "rows per task that read rows [50000, 50000, 50000, 50000]",
            "tasks planned  4, Spark's scan  4",
            "what this shows: tasks come from bytes"),
        lesson(
            "SortingForSkippingExample",
            "keeps 40 by min/max (400,000 rows); rows out of Spark's scan: 400,000; matching: 400",
            "keeps  1 by min/max ( 10,000 rows); rows out of Spark's scan:  10,000; matching: 400",
            "what this shows: the same filter reads every row group when the column is scattered"));
  }

  @Test
  void theShadedJarHoldsOnlyTheLessons() throws IOException {
    try (JarFile jar = new JarFile(SparkSubmit.jar().toFile())) {
      List<String> classes = new ArrayList<>();
      jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class")).forEach(classes::add);
      assertThat(classes)
          .isNotEmpty()
          .allMatch(
              n ->
                  n.startsWith("dev/sparksuite/parquet/")
                      || n.startsWith("dev/sparksuite/lessonkit/"),
              "a class of this project: parquet-hadoop and Hadoop come with Spark");
    }
  }

  /**
   * The native lesson's orders, written by its parquet-hadoop writer; Hadoop's local file system
   * adds the .crc.
   */
  @Override
  protected void writeDataFile(Path file, int rows) throws IOException {
    NativeParquetExample.write(
        FileSystem.getLocal(new Configuration()),
        hadoopPath(file),
        NativeParquetExample.orders(rows));
  }
}
