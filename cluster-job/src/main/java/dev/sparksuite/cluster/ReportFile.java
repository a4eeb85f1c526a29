package dev.sparksuite.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the job writes its machine-readable report: the file {@code --report} names, or one per
 * application in a directory named after the user under the driver's temporary directory, so that
 * two runs never overwrite each other's. The file appears whole or not at all: it is written beside
 * its final name and moved there, with the mode a file written directly would have.
 */
final class ReportFile {

  private ReportFile() {}

  /**
   * The file {@code --report} names, or {@code
   * <java.io.tmpdir>/cluster-job-<user.name>/<application>.json}.
   */
  static Path of(Optional<String> requested, String applicationId) {
    return requested
        .map(Path::of)
        .orElseGet(
            () ->
                Path.of(
                    System.getProperty("java.io.tmpdir"),
                    "cluster-job-" + System.getProperty("user.name"),
                    applicationId + ".json"));
  }

  /**
   * Writes the report, creating the file's directory; an existing file of that name is replaced.
   */
  static void write(Path file, String json) throws IOException {
    Path target = file.toAbsolutePath();
    if (Files.isDirectory(target)) {
      throw new IOException(file + " is a directory");
    }
    Files.createDirectories(target.getParent());
    // Not createTempFile, whose file is owner-only: created as any new file is, the report gets the
    // mode the user's umask gives a file written directly.
    Path partial =
        target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".partial");
    try {
      Files.writeString(
          partial,
          json + System.lineSeparator(),
          UTF_8,
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      try {
        Files.move(
            partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(partial);
    }
  }
}
