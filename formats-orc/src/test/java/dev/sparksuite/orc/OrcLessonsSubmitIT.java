package dev.sparksuite.orc;

import static dev.sparksuite.testkit.SparkTestBase.hadoopPath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.lessonkit.JarIndex;
import dev.sparksuite.testkit.FormatJarTests;
import dev.sparksuite.testkit.SparkSubmit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/** Every ORC lesson and the inspector, run from the shaded jar with the real spark-submit. */
class OrcLessonsSubmitIT extends FormatJarTests {

  @Override
  protected JarIndex index() {
    return OrcDriver.INDEX;
  }

  @Override
  protected String pkg() {
    return "dev.sparksuite.orc";
  }

  @Override
  protected String inspector() {
    return "OrcInspect";
  }

  @Override
  protected String notThisFormat() {
    return "not an ORC file";
  }

  @Override
  protected String roundTripLesson() {
    return "OrcWriteReadExample";
  }

  /** Each lesson, the lines its output must hold: its setup, its key numbers, and what it shows. */
  static Stream<Arguments> lessons() {
    return Stream.of(
        Arguments.of(
            "OrcWriteReadExample",
            List.of(
                "setup: 1,000 orders in 2 partitions",
                "ORC schema in the file: struct<id:bigint,country:string,amount:double,customer_key:string,note:string>",
                "rows written 1000, read 1000, equal: true",
                "what this shows: ORC stores the schema as its own type tree")),
        Arguments.of(
            "OrcCompressionExample",
            List.of(
                "setup: 200,000 orders",
                "spark.sql.orc.compression.codec = zstd; a write without an option: [ZSTD]",
                "what this shows: Spark 4.1.1 writes zstd unless told otherwise")),
        Arguments.of(
            "StripesAndIndexExample",
            List.of(
                "orc.stripe.size 1,048,576 B asked, orc.row.index.stride 5,000 rows",
                "row index stride in the file 5,000",
                "footer: 6 statistics (one per column of 6)",
                "rows  51,200 (11 row groups)",
                "so at every 5,120",
                "what this shows: a file is stripes of whole rows")),
        Arguments.of(
            "OrcPushdownExample",
            List.of(
                "setup: 500,000 orders sorted on id, one file",
                "-> 50 row groups; filter id in [250000, 250999]",
                "orc-core read 10,000 of 500,000 rows",
                "scan: 10,000 with push-down, 500,000 without; matching rows 1,000",
                "what this shows: with spark.sql.orc.filterPushdown on")),
        Arguments.of(
            "OrcBloomFilterExample",
            List.of(
                "setup: 200,000 orders",
                "stride 10,000 -> 20 row groups",
                "scan: 200,000 without a bloom filter, 10,000 with",
                "what this shows: min/max of a hash column rule out no row group, a bloom filter rules out 19 of 20")),
        Arguments.of(
            "OrcNestedTypesExample",
            List.of(
                "setup: 3 rows with a struct (customer), a list (items) and a map (tags)",
                "customer.city alone reads struct<customer:struct<city:string>>",
                "what this shows: nested types are columns of their own in ORC")),
        Arguments.of(
            "HiveOrcTableExample",
            List.of(
                "setup: Hive table orc_lessons.orders",
                "partitions after MSCK:     [country=DE, country=FR, country=SE], rows 1010",
                "convertMetastoreOrc=false: InsertIntoHiveTable; org.apache.spark.version in the files [(none)], "
                    + "writer [ORC_JAVA] [ORC Java 2.2.1]",
                "what this shows: the metastore knows only the partitions it was told about")),
        Arguments.of(
            "IcebergAcidExample",
            List.of(
                "setup: Iceberg table lake.lessons.orders",
                "rows are [id,country,amount]",
                "file formats per snapshot: [[ORC], [ORC], [ORC], [ORC]]",
                "what this shows: each statement commits one snapshot of ORC files")),
        Arguments.of(
            "OrcEncryptionExample",
            List.of(
                "setup: 3 customers, ORC schema struct<id:bigint,name:string,ssn:string>",
                "read without the key: [Customer[id=0, name=customer 0, "
                    + "ssn=71A39BECD99D816BF2201EB7AD4A40E1B8982149276C1613B0F720E0605BD939]",
                "what this shows: ORC encrypts a column, not the file")),
        Arguments.of(
            "IcebergMergeOnReadExample",
            List.of(
                "setup: two Iceberg tables of ORC files",
                "delete files 4 [ORC] holding 12 positions, data files removed per commit [0, 0, 0, 0]",
                "merge-on-read, partition:",
                "what this shows: copy-on-write rewrites data files and leaves no delete files")),
        Arguments.of(
            "NativeOrcExample",
            List.of(
                "setup: 5 orders, ORC schema struct<id:bigint,country:string,amount:double>",
                "written by Spark, read natively: [Order[id=0, country=DE, amount=1.0]",
                "what this shows: Spark and orc-core write the same format")),
        Arguments.of(
            "SkippingCostsExample",
            List.of(
                "setup: 200,000 orders (id bigint, country string, customer_key string)",
                "orc.row.index.stride 10,000 -> 20 row groups in 1 stripe(s)",
                "customer_key (200,000 distinct, a hash) and country (5 distinct)",
                "(62,400 bits = 7,800 B per filter before compression, 4 hash functions)",
                "(95,872 bits = 11,984 B per filter before compression, 7 hash functions)",
                "of 20,000 lookups",
                "matching rows 0",
                "what this shows: a bloom filter costs bits per row group set by the stride and the fpp")));
  }

  @Test
  void theShadedJarCarriesIcebergButNotWhatSparkShips() throws IOException {
    try (JarFile jar = new JarFile(SparkSubmit.jar().toFile())) {
      List<String> classes =
          jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class")).toList();
      assertThat(classes)
          .anyMatch(n -> n.startsWith("dev/sparksuite/orc/"))
          .anyMatch(n -> n.startsWith("org/apache/iceberg/spark/SparkCatalog"))
          .noneMatch(
              n ->
                  n.startsWith("org/apache/orc/")
                      || n.startsWith("org/apache/hadoop/")
                      || n.startsWith("scala/")
                      || n.startsWith("org/apache/spark/sql/classic/")
                      || n.startsWith("org/apache/parquet/"));
    }
  }

  /**
   * The native lesson's orders, written by its orc-core writer; Hadoop's local file system adds the
   * .crc.
   */
  @Override
  protected void writeDataFile(Path file, int rows) throws IOException {
    NativeOrcExample.write(
        FileSystem.getLocal(new Configuration()), hadoopPath(file), NativeOrcExample.orders(rows));
  }
}
