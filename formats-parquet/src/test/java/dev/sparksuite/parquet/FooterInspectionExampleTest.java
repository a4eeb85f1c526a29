package dev.sparksuite.parquet;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.lessonkit.Lesson;
import dev.sparksuite.testkit.SparkTestBase;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FooterInspectionExample}: what the footer holds, and where the page indexes lie. */
class FooterInspectionExampleTest extends SparkTestBase {

  @TempDir Path dir;

  @Test
  void theFooterHoldsSchemaRowGroupsCodecsAndStatistics() throws Exception {
    ParquetFileReport report =
        FooterInspectionExample.writeAndInspect(spark, hadoopPath(dir.resolve("orders")));

    assertThat(report.rows()).isEqualTo(100_000);
    assertThat(report.createdBy()).startsWith("parquet-mr version 1.16.0");
    assertThat(report.schema()).contains("required int64 id").contains("binary country (STRING)");
    assertThat(report.keyValueMetadata()).containsKey("org.apache.spark.sql.parquet.row.metadata");
    assertThat(report.rowGroups()).hasSize(1);
    var id = report.rowGroups().get(0).columns().get(0);
    assertThat(id.name()).isEqualTo("id");
    assertThat(id.type()).isEqualTo("INT64");
    assertThat(id.values()).isEqualTo(100_000);
    assertThat(id.codec()).isEqualTo("ZSTD");
    assertThat(id.min()).isEqualTo("0");
    assertThat(id.max()).isEqualTo("99999");
    assertThat(id.nulls()).isZero();
    assertThat(report.rowGroups().get(0).columns())
        .extracting(ParquetFileReport.Chunk::codec)
        .containsOnly("ZSTD");
    assertThat(report.rowGroups().get(0).columns().get(1).logicalType()).isEqualTo("STRING");
  }

  /**
   * The page indexes are not in the footer: the footer holds where each column chunk's column index
   * and offset index are, and both lie after the last row group and before the footer.
   */
  @Test
  void thePageIndexesLieBetweenTheLastRowGroupAndTheFooter() throws Exception {
    org.apache.hadoop.fs.Path table = hadoopPath(dir.resolve("orders"));
    FooterInspectionExample.writeAndInspect(spark, table);
    FileSystem fs = Lesson.fileSystem(spark, table);
    org.apache.hadoop.fs.Path file = ParquetFiles.dataFiles(fs, table).get(0);
    long length = fs.getFileStatus(file).getLen();
    byte[] tail = new byte[8];
    try (FSDataInputStream in = fs.open(file)) {
      in.readFully(length - 8, tail);
    }
    assertThat(new String(tail, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
    // The last 8 bytes: the footer's length (4 bytes, little-endian), then the magic.
    long footerStart =
        length
            - 8
            - Integer.toUnsignedLong(ByteBuffer.wrap(tail, 0, 4).order(LITTLE_ENDIAN).getInt());
    ParquetMetadata footer = ParquetFiles.footer(fs, file);
    BlockMetaData last = footer.getBlocks().get(footer.getBlocks().size() - 1);
    long rowGroupsEnd = last.getStartingPos() + last.getCompressedSize();

    assertThat(last.getColumns().get(0).getColumnIndexReference())
        .as("id's column index")
        .isNotNull();
    assertThat(last.getColumns())
        .isNotEmpty()
        .allSatisfy(
            chunk -> {
              // Every chunk has an offset index; a column index, where the writer wrote one.
              if (chunk.getColumnIndexReference() != null) {
                assertThat(chunk.getColumnIndexReference().getOffset())
                    .as("%s's column index", chunk.getPath())
                    .isBetween(rowGroupsEnd, footerStart - 1);
              }
              assertThat(chunk.getOffsetIndexReference().getOffset())
                  .as("%s's offset index", chunk.getPath())
                  .isBetween(rowGroupsEnd, footerStart - 1);
            });
  }
}
