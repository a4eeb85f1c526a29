package dev.sparksuite.lessons;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The data files Spark wrote under a directory: every file with the format's extension, at any
 * depth (partition directories), sorted; Spark's {@code _SUCCESS} markers and {@code .crc}
 * checksums are not data.
 */
public final class DataFiles {

  private DataFiles() {}

  public static List<Path> list(Path directory, String extension) {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(extension))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
  }

  /** Bytes on disk of those files: what a codec or a layout choice costs. */
  public static long totalSize(Path directory, String extension) {
    long bytes = 0;
    for (Path file : list(directory, extension)) {
      try {
        bytes += Files.size(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return bytes;
  }
}
