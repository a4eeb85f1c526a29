package dev.sparksuite.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.avro.AvroCodecsExample;
import dev.sparksuite.avro.AvroFiles;
import dev.sparksuite.avro.AvroWriteReadExample;
import dev.sparksuite.avro.NativeAvroExample;
import dev.sparksuite.avro.generated.Order;
import dev.sparksuite.lessonkit.Lesson;
import dev.sparksuite.orc.NativeOrcExample;
import dev.sparksuite.orc.OrcCompressionExample;
import dev.sparksuite.orc.OrcFiles;
import dev.sparksuite.orc.OrcWriteReadExample;
import dev.sparksuite.parquet.CompressionCodecsExample;
import dev.sparksuite.parquet.NativeParquetExample;
import dev.sparksuite.parquet.ParquetFiles;
import dev.sparksuite.parquet.WriteReadExample;
import dev.sparksuite.testkit.SparkTestBase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The lessons every format teaches alike — the round trip, the codecs, the native library next to
 * Spark — run side by side: the same facts are asserted for each format, and what only one format
 * does is checked in its own branch of a switch.
 */
class SameLessonAcrossFormatsTest extends SparkTestBase {

  enum Format {
    PARQUET,
    ORC,
    AVRO
  }

  @TempDir Path dir;

  /** What every round-trip lesson returns. */
  record Trip(StructType written, StructType read, List<Row> writtenRows, List<Row> readRows) {}

  @ParameterizedTest(name = "format = {0}")
  @EnumSource(Format.class)
  void aRoundTripKeepsColumnsTypesAndRows(Format format) throws IOException {
    Path path = dir.resolve("orders");
    // The Hadoop path the lessons take (they run on HDFS too).
    var hadoopPath = hadoopPath(path);
    Trip trip =
        switch (format) {
          case PARQUET -> {
            var t = WriteReadExample.roundTrip(spark, path.toString());
            assertThat(t.read().fields())
                .as("columns read from Parquet files are nullable")
                .allMatch(StructField::nullable);
            yield new Trip(t.written(), t.read(), t.writtenRows(), t.readRows());
          }
          case ORC -> {
            var t = OrcWriteReadExample.roundTrip(spark, hadoopPath);
            assertThat(t.orcSchema())
                .as("the ORC type description in the file")
                .isEqualTo(
                    "struct<id:bigint,country:string,amount:double,customer_key:string,note:string>");
            yield new Trip(t.written(), t.read(), t.writtenRows(), t.readRows());
          }
          case AVRO -> {
            var t = AvroWriteReadExample.roundTrip(spark, hadoopPath);
            assertThat(t.read().simpleString())
                .isEqualTo("struct<id:bigint,country:string,amount:double,note:string>");
            assertThat(t.read().fields())
                .as("Spark reads every column of a file source back as nullable, Avro's too")
                .allMatch(StructField::nullable);
            FileSystem fs = Lesson.fileSystem(spark, hadoopPath);
            Schema inFile =
                new Schema.Parser()
                    .parse(
                        AvroFiles.header(
                            fs, AvroFiles.dataFiles(fs, hadoopPath).get(0), "avro.schema"));
            assertThat(List.of(t.written().fields()))
                .as("the written columns hold both kinds")
                .anyMatch(StructField::nullable)
                .anyMatch(f -> !f.nullable())
                .as(
                    "the file's schema keeps what was written: a nullable column is a union with "
                        + "null, a non-null one its plain type")
                .allSatisfy(
                    f ->
                        assertThat(inFile.getField(f.name()).schema().isNullable())
                            .as(f.name())
                            .isEqualTo(f.nullable()));
            yield new Trip(t.written(), t.read(), t.writtenRows(), t.readRows());
          }
        };

    assertThat(trip.read().fieldNames()).containsExactly(trip.written().fieldNames());
    assertThat(List.of(trip.read().fields()))
        .extracting(StructField::dataType)
        .containsExactlyElementsOf(
            List.of(trip.written().fields()).stream().map(StructField::dataType).toList());
    assertThat(trip.readRows()).hasSize(1_000).containsExactlyElementsOf(trip.writtenRows());
  }

  /**
   * One codec's outcome in any format: the codec the file records, its bytes, the rows read back.
   */
  record Codec(Set<String> recorded, long bytes, long rowsReadBack) {}

  @ParameterizedTest(name = "format = {0}")
  @EnumSource(Format.class)
  void eachCodecIsRecordedInTheFileAndCompressesDifferently(Format format) throws IOException {
    long rows = 50_000;
    Map<String, Codec> byCodec;
    Map<String, String> expectedRecorded;
    String uncompressed;
    String snappy = "snappy";
    String zstd;
    switch (format) {
      case PARQUET -> {
        var results = CompressionCodecsExample.compareCodecs(spark, hadoopPath(dir), rows);
        var written =
            results.stream().filter(CompressionCodecsExample.CodecResult::written).toList();
        byCodec =
            written.stream()
                .collect(
                    Collectors.toMap(
                        CompressionCodecsExample.CodecResult::requested,
                        r -> new Codec(r.footerCodecs(), r.bytes(), r.rowsReadBack())));
        expectedRecorded =
            Map.of(
                "none",
                "UNCOMPRESSED",
                "uncompressed",
                "UNCOMPRESSED",
                "snappy",
                "SNAPPY",
                "gzip",
                "GZIP",
                "lz4",
                "LZ4",
                "lz4_raw",
                "LZ4_RAW",
                "zstd",
                "ZSTD");
        uncompressed = "uncompressed";
        zstd = "zstd";
        var all =
            results.stream()
                .collect(
                    Collectors.toMap(
                        CompressionCodecsExample.CodecResult::requested, Function.identity()));
        assertThat(all.keySet())
            .as("every name Spark 4.1.1 accepts for Parquet")
            .containsExactlyInAnyOrder(
                "none",
                "uncompressed",
                "snappy",
                "gzip",
                "lzo",
                "brotli",
                "lz4",
                "lz4_raw",
                "zstd");
        assertThat(all.get("lzo").error())
            .isEqualTo("codec class com.hadoop.compression.lzo.LzoCodec is not on the classpath");
        assertThat(all.get("brotli").error())
            .isEqualTo(
                "codec class org.apache.hadoop.io.compress.BrotliCodec is not on the classpath");
        assertThat(all.get("snappy").nativeLibrariesInJar())
            .as("snappy-java carries its JNI libraries")
            .isPositive();
        assertThat(all.get("zstd").nativeLibrariesInJar())
            .as("zstd-jni carries its JNI libraries")
            .isPositive();
        assertThat(all.get("lz4").nativeLibrariesInJar())
            .as("lz4-java carries its JNI libraries")
            .isPositive();
        assertThat(all.get("lz4_raw").libraryJar()).startsWith("aircompressor");
        assertThat(all.get("lz4_raw").nativeLibrariesInJar())
            .as("aircompressor is pure Java")
            .isZero();
        assertThat(all.get("gzip").libraryJar()).isEqualTo("the JDK");
        assertThat(byCodec.get("gzip").bytes()).isLessThan(byCodec.get("snappy").bytes());
      }
      case ORC -> {
        byCodec =
            OrcCompressionExample.compareCodecs(spark, hadoopPath(dir), rows).stream()
                .collect(
                    Collectors.toMap(
                        OrcCompressionExample.CodecResult::requested,
                        r -> new Codec(r.tailCodecs(), r.bytes(), r.rowsReadBack())));
        expectedRecorded =
            Map.of(
                "none", "NONE", "zlib", "ZLIB", "snappy", "SNAPPY", "zstd", "ZSTD", "lz4", "LZ4");
        uncompressed = "none";
        zstd = "zstd";
      }
      case AVRO -> {
        byCodec =
            AvroCodecsExample.compareCodecs(spark, hadoopPath(dir), rows).stream()
                .collect(
                    Collectors.toMap(
                        AvroCodecsExample.CodecResult::requested,
                        r -> new Codec(r.headerCodecs(), r.bytes(), r.rowsReadBack())));
        expectedRecorded =
            Map.of(
                "uncompressed",
                "null",
                "deflate",
                "deflate",
                "snappy",
                "snappy",
                "zstandard",
                "zstandard");
        uncompressed = "uncompressed";
        zstd = "zstandard";
      }
      default -> throw new IllegalArgumentException(format.name());
    }

    assertThat(byCodec.keySet()).containsExactlyInAnyOrderElementsOf(expectedRecorded.keySet());
    expectedRecorded.forEach(
        (requested, recorded) ->
            assertThat(byCodec.get(requested).recorded())
                .as("the codec the file records for " + requested)
                .containsExactly(recorded));
    assertThat(byCodec.values()).allMatch(c -> c.rowsReadBack() == rows);
    assertThat(byCodec.get(zstd).bytes())
        .as("zstd beats snappy on this data")
        .isLessThan(byCodec.get(snappy).bytes());
    assertThat(byCodec.get(snappy).bytes()).isLessThan(byCodec.get(uncompressed).bytes());
  }

  /**
   * The native twins: orders written with the format's own library read back with it and with
   * Spark, and Spark's file read by the library — compared as {@code id/country/amount} strings
   * because each library has its own record class.
   */
  @ParameterizedTest(name = "format = {0}")
  @EnumSource(Format.class)
  void theNativeLibraryAndSparkReadEachOthersFiles(Format format) throws Exception {
    var nativeFile = hadoopPath(dir.resolve("orders." + format.name().toLowerCase()));
    var sparkDir = hadoopPath(dir.resolve("spark-orders"));
    FileSystem fs = Lesson.fileSystem(spark, nativeFile);
    List<String> written;
    List<String> nativeRead;
    List<String> sparkReadOfNative;
    List<String> nativeReadOfSpark;
    switch (format) {
      case PARQUET -> {
        var orders = NativeParquetExample.orders(1_000);
        NativeParquetExample.write(fs, nativeFile, orders);
        NativeParquetExample.writeWithSpark(spark, sparkDir, orders);
        written = strings(orders);
        nativeRead = strings(NativeParquetExample.read(fs, nativeFile));
        sparkReadOfNative = strings(NativeParquetExample.readWithSpark(spark, nativeFile));
        nativeReadOfSpark =
            strings(NativeParquetExample.read(fs, single(ParquetFiles.dataFiles(fs, sparkDir))));
        assertThat(ParquetFiles.footer(fs, nativeFile).getBlocks().get(0).getColumns())
            .as("the native writer's codec")
            .allMatch(c -> c.getCodec().name().equals("ZSTD"));
      }
      case ORC -> {
        var orders = NativeOrcExample.orders(2_500);
        NativeOrcExample.write(fs, nativeFile, orders);
        NativeOrcExample.writeWithSpark(spark, sparkDir, orders);
        written = strings(orders);
        nativeRead = strings(NativeOrcExample.read(fs, nativeFile));
        sparkReadOfNative = strings(NativeOrcExample.readWithSpark(spark, nativeFile));
        nativeReadOfSpark =
            strings(NativeOrcExample.read(fs, single(paths(OrcFiles.dataFiles(fs, sparkDir)))));
        try (var reader = OrcFiles.open(fs, nativeFile)) {
          assertThat(reader.getCompressionKind().name())
              .as("the native writer's codec")
              .isEqualTo("ZSTD");
          assertThat(reader.getNumberOfRows()).isEqualTo(2_500);
        }
      }
      case AVRO -> {
        var orders = NativeAvroExample.orders(500);
        NativeAvroExample.writeSpecific(fs, nativeFile, orders);
        NativeAvroExample.writeWithSpark(spark, sparkDir, orders);
        written = avroStrings(orders);
        nativeRead = avroStrings(NativeAvroExample.readSpecific(fs, nativeFile));
        sparkReadOfNative = avroStrings(NativeAvroExample.readWithSpark(spark, nativeFile));
        nativeReadOfSpark =
            avroStrings(
                NativeAvroExample.readSpecific(
                    fs, single(paths(AvroFiles.dataFiles(fs, sparkDir)))));
        assertThat(AvroFiles.header(fs, nativeFile, "avro.codec"))
            .as("the native writer's codec")
            .isEqualTo("deflate");
      }
      default -> throw new IllegalArgumentException(format.name());
    }

    assertThat(written).hasSizeGreaterThan(100);
    assertThat(nativeRead).as("native write, native read").containsExactlyElementsOf(written);
    assertThat(sparkReadOfNative).as("native write, Spark read").containsExactlyElementsOf(written);
    assertThat(nativeReadOfSpark).as("Spark write, native read").containsExactlyElementsOf(written);
  }

  private static List<org.apache.hadoop.fs.Path> paths(List<FileStatus> files) {
    return files.stream().map(FileStatus::getPath).toList();
  }

  private static org.apache.hadoop.fs.Path single(List<org.apache.hadoop.fs.Path> files) {
    assertThat(files).as("Spark wrote one data file").hasSize(1);
    return files.get(0);
  }

  private static List<String> strings(List<? extends Record> orders) {
    return orders.stream()
        .map(o -> o.toString().replaceAll("^\\w+\\[", "").replaceAll("]$", ""))
        .toList();
  }

  private static List<String> avroStrings(List<Order> orders) {
    return orders.stream()
        .map(o -> "id=" + o.getId() + ", country=" + o.getCountry() + ", amount=" + o.getAmount())
        .toList();
  }
}
