package dev.sparksuite.bench;

import dev.sparksuite.orc.OrcFiles;
import dev.sparksuite.parquet.ParquetFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.orc.IntegerColumnStatistics;
import org.apache.orc.OrcProto;
import org.apache.orc.Reader;
import org.apache.orc.StripeStatistics;
import org.apache.orc.impl.RecordReaderImpl;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;

/**
 * How much of a file a range filter on {@code id} must read, from the statistics the format keeps
 * at two levels: a unit is counted as read when its min/max of {@code id} overlaps the range.
 * Parquet keeps them per row group (footer) and per page (column index); ORC per stripe (file
 * metadata) and per row group of one index stride, 10,000 rows by default (row index). A reader
 * with the filter pushed down can skip every other unit; the rows out of Spark's scan, measured
 * beside these counts, show what it really kept.
 */
record Skipping(
    String unit, long unitsRead, long units, String subUnit, long subUnitsRead, long subUnits) {

  double unitShare() {
    return (double) unitsRead / units;
  }

  double subUnitShare() {
    return (double) subUnitsRead / subUnits;
  }

  static Skipping parquet(Path directory, String column, long low, long high) {
    long groupsRead = 0;
    long groups = 0;
    long pagesRead = 0;
    long pages = 0;
    FileSystem fs = LocalFiles.fileSystem();
    for (var file : ParquetFiles.dataFiles(fs, LocalFiles.hadoopPath(directory))) {
      try (ParquetFileReader reader = ParquetFileReader.open(ParquetFiles.input(fs, file))) {
        for (BlockMetaData rowGroup : reader.getFooter().getBlocks()) {
          ColumnChunkMetaData chunk =
              rowGroup.getColumns().stream()
                  .filter(c -> c.getPath().toDotString().equals(column))
                  .findFirst()
                  .orElseThrow();
          groups++;
          boolean groupRead =
              overlaps(
                  (Long) chunk.getStatistics().genericGetMin(),
                  (Long) chunk.getStatistics().genericGetMax(),
                  low,
                  high);
          groupsRead += groupRead ? 1 : 0;
          ColumnIndex index = reader.readColumnIndex(chunk);
          if (index == null) {
            throw new IllegalStateException(file + " has no column index for " + column);
          }
          List<ByteBuffer> mins = index.getMinValues();
          List<ByteBuffer> maxes = index.getMaxValues();
          pages += mins.size();
          for (int page = 0; page < mins.size(); page++) {
            // A page of a row group already skipped is never read, whatever its own statistics say.
            if (groupRead && overlaps(int64(mins.get(page)), int64(maxes.get(page)), low, high)) {
              pagesRead++;
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the footer or column index of " + file, e);
      }
    }
    return new Skipping("row groups", groupsRead, groups, "pages of " + column, pagesRead, pages);
  }

  static Skipping orc(Path directory, String column, long low, long high) {
    long stripesRead = 0;
    long stripes = 0;
    long groupsRead = 0;
    long groups = 0;
    long stride = 0;
    FileSystem fs = LocalFiles.fileSystem();
    for (FileStatus status : orcFiles(fs, directory)) {
      var file = status.getPath();
      try (Reader reader = OrcFiles.open(fs, file);
          var rows = (RecordReaderImpl) reader.rows()) {
        int columnId = reader.getSchema().findSubtype(column).getId();
        stride = reader.getRowIndexStride();
        List<StripeStatistics> statistics = reader.getStripeStatistics();
        for (int stripe = 0; stripe < statistics.size(); stripe++) {
          stripes++;
          var stripeStats =
              (IntegerColumnStatistics) statistics.get(stripe).getColumnStatistics()[columnId];
          boolean stripeRead =
              overlaps(stripeStats.getMinimum(), stripeStats.getMaximum(), low, high);
          stripesRead += stripeRead ? 1 : 0;
          for (OrcProto.RowIndexEntry entry :
              rows.readRowIndex(stripe, null, null).getRowGroupIndex()[columnId].getEntryList()) {
            groups++;
            OrcProto.IntegerStatistics ints = entry.getStatistics().getIntStatistics();
            if (stripeRead && overlaps(ints.getMinimum(), ints.getMaximum(), low, high)) {
              groupsRead++;
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the statistics of " + file, e);
      }
    }
    return new Skipping(
        "stripes",
        stripesRead,
        stripes,
        String.format("row groups of %,d rows", stride),
        groupsRead,
        groups);
  }

  private static List<FileStatus> orcFiles(FileSystem fs, Path directory) {
    try {
      return OrcFiles.dataFiles(fs, LocalFiles.hadoopPath(directory));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the ORC files of " + directory, e);
    }
  }

  private static boolean overlaps(long min, long max, long low, long high) {
    return max >= low && min <= high;
  }

  /**
   * Column-index bounds of an INT64 column: 8 bytes, little-endian, as Parquet's plain encoding.
   */
  private static long int64(ByteBuffer bound) {
    return bound.duplicate().order(ByteOrder.LITTLE_ENDIAN).getLong(bound.position());
  }
}
