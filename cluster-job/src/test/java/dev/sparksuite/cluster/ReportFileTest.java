package dev.sparksuite.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFileTest {

  @TempDir Path dir;

  @Test
  void withoutReportEachApplicationGetsItsOwnFileUnderTheTemporaryDirectory() {
    assertThat(ReportFile.of(Optional.empty(), "app-1"))
        .isEqualTo(
            Path.of(
                System.getProperty("java.io.tmpdir"),
                "cluster-job-" + System.getProperty("user.name"),
                "app-1.json"));
    assertThat(ReportFile.of(Optional.empty(), "app-2"))
        .isNotEqualTo(ReportFile.of(Optional.empty(), "app-1"));
    assertThat(ReportFile.of(Optional.of("out/r.json"), "app-1")).isEqualTo(Path.of("out/r.json"));
  }

  @Test
  void theFileIsWrittenInItsNewDirectoryAndReplacesAnOlderOneLeavingNoPartialFile()
      throws IOException {
    Path file = dir.resolve("reports/spread.json");

    ReportFile.write(file, "{\"run\":1}");
    ReportFile.write(file, "{\"run\":2}");

    assertThat(file).content().isEqualToIgnoringNewLines("{\"run\":2}");
    try (Stream<Path> left = Files.list(file.getParent())) {
      assertThat(left).as("no partial file left beside it").containsExactly(file);
    }
  }

  /** A temporary file (createTempFile) would be owner-only, whatever the umask. */
  @Test
  void theFileHasTheModeOfAFileWrittenDirectly() throws IOException {
    assumeTrue(
        Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class),
        "a file system with POSIX modes");
    Path direct = Files.writeString(dir.resolve("direct.json"), "{}");
    Path report = dir.resolve("report.json");

    ReportFile.write(report, "{}");

    assertThat(Files.getPosixFilePermissions(report))
        .isEqualTo(Files.getPosixFilePermissions(direct));
  }

  @Test
  void aDirectoryInTheWayIsRefusedAndLeftAsItWas() throws IOException {
    Path taken = Files.createDirectories(dir.resolve("taken"));

    assertThatThrownBy(() -> ReportFile.write(taken, "{}"))
        .isInstanceOf(IOException.class)
        .hasMessage(taken + " is a directory");
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).containsExactly(taken);
    }
  }
}
