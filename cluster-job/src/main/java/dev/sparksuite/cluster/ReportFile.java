package dev.sparksuite.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Where the job writes its machine-readable report: the file {@code --report} names, or one per
 * application in a directory of the user's own under the driver's temporary directory, so that two
 * runs never overwrite each other's and two users never share a directory. The file appears whole
 * or not at all: it is written beside its final name and moved there, readable by all as a file
 * written directly would be.
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
    Path partial = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".partial");
    try {
      Files.writeString(partial, json + System.lineSeparator(), UTF_8);
      // A temporary file is created owner-only; the report is for anyone who reads the job's.
      if (Files.getFileStore(partial).supportsFileAttributeView(PosixFileAttributeView.class)) {
        Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
      }
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
