package dev.sparksuite.parquet;

import dev.sparksuite.lessonkit.DataFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;

/**
 * Reads what Spark wrote with parquet-hadoop, below Spark: the data files of a directory, their
 * footers, and how many row groups a filter lets a reader skip. Every file is opened through the
 * Hadoop file system it lives on (local or HDFS), with that file system's configuration.
 */
public final class ParquetFiles {

  private ParquetFiles() {}

  /** The data files under a directory (recursively), skipping Spark's _SUCCESS and .crc files. */
  public static List<Path> dataFiles(FileSystem fs, Path directory) {
    try {
      return DataFiles.list(fs, directory, ".parquet").stream().map(FileStatus::getPath).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
  }

  public static ParquetMetadata footer(FileSystem fs, Path file) {
    try (ParquetFileReader reader = ParquetFileReader.open(input(fs, file))) {
      return reader.getFooter();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the footer of " + file, e);
    }
  }

  /** Row groups in all files of a directory. */
  public static int rowGroups(FileSystem fs, Path directory) {
    return dataFiles(fs, directory).stream().mapToInt(f -> footer(fs, f).getBlocks().size()).sum();
  }

  /**
   * Which filters {@link #rowGroupsRead} applies to row groups: min/max statistics, and bloom
   * filters with the second. Dictionary filtering, which Spark's scan also applies ({@code
   * parquet.filter.dictionary.enabled}, on by default), is left out, so that a lesson's count shows
   * what statistics and bloom filters alone skip.
   */
  public enum RowGroupFilter {
    STATISTICS,
    STATISTICS_AND_BLOOM
  }

  /**
   * Row groups left after parquet-hadoop applied the predicate to each row group, summed over all
   * files: the row groups a reader must still decompress and decode.
   */
  public static int rowGroupsRead(
      FileSystem fs, Path directory, FilterPredicate predicate, RowGroupFilter filter) {
    return (int)
        sumOverFiles(
            fs,
            directory,
            rowGroupFilterOptions(fs, predicate, filter),
            reader -> reader.getRowGroups().size());
  }

  /**
   * Rows in the row groups {@link #rowGroupsRead} keeps: what a reader that skips only row groups
   * decodes.
   */
  public static long rowsInRowGroupsRead(
      FileSystem fs, Path directory, FilterPredicate predicate, RowGroupFilter filter) {
    return sumOverFiles(
        fs,
        directory,
        rowGroupFilterOptions(fs, predicate, filter),
        reader -> reader.getRowGroups().stream().mapToLong(BlockMetaData::getRowCount).sum());
  }

  private static ParquetReadOptions rowGroupFilterOptions(
      FileSystem fs, FilterPredicate predicate, RowGroupFilter filter) {
    return HadoopReadOptions.builder(fs.getConf())
        .withRecordFilter(FilterCompat.get(predicate))
        .useStatsFilter(true)
        .useDictionaryFilter(false)
        .useBloomFilter(filter == RowGroupFilter.STATISTICS_AND_BLOOM)
        .useColumnIndexFilter(false)
        .build();
  }

  /**
   * Pages of one column in each row group of a file, from the offset index (one entry per data
   * page; dictionary pages are not in it).
   */
  public static List<Integer> dataPagesPerRowGroup(FileSystem fs, Path file, String column) {
    try (ParquetFileReader reader = ParquetFileReader.open(input(fs, file))) {
      List<Integer> pages = new ArrayList<>();
      for (BlockMetaData rowGroup : reader.getFooter().getBlocks()) {
        for (ColumnChunkMetaData chunk : rowGroup.getColumns()) {
          if (chunk.getPath().toDotString().equals(column)) {
            OffsetIndex index = reader.readOffsetIndex(chunk);
            if (index == null) {
              throw new IllegalStateException(file + " has no offset index for " + column);
            }
            pages.add(index.getPageCount());
          }
        }
      }
      return pages;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the offset index of " + file, e);
    }
  }

  /**
   * Rows that survive page-level filtering with the column index, summed over all files: the reader
   * decodes only the pages whose min/max can match, not whole row groups.
   */
  public static long rowsAfterColumnIndexFilter(
      FileSystem fs, Path directory, FilterPredicate predicate) {
    ParquetReadOptions options =
        HadoopReadOptions.builder(fs.getConf())
            .withRecordFilter(FilterCompat.get(predicate))
            .useStatsFilter(true)
            .useColumnIndexFilter(true)
            .build();
    return sumOverFiles(fs, directory, options, ParquetFileReader::getFilteredRecordCount);
  }

  /**
   * Opens every data file with the options (which filter its row groups) and adds up what each
   * reader reports.
   */
  private static long sumOverFiles(
      FileSystem fs,
      Path directory,
      ParquetReadOptions options,
      ToLongFunction<ParquetFileReader> count) {
    long total = 0;
    for (Path file : dataFiles(fs, directory)) {
      try (ParquetFileReader reader = ParquetFileReader.open(input(fs, file), options)) {
        total += count.applyAsLong(reader);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return total;
  }

  /**
   * A file as parquet-hadoop's input, read with the settings of the file system it was found on
   * (the path's own scheme picks the file system, so the path carries one).
   */
  public static HadoopInputFile input(FileSystem fs, Path file) throws IOException {
    return HadoopInputFile.fromPath(file, fs.getConf());
  }

  /** Total bytes of the data files under a directory. */
  public static long size(FileSystem fs, Path directory) {
    try {
      return DataFiles.totalSize(fs, directory, ".parquet");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
  }
}
