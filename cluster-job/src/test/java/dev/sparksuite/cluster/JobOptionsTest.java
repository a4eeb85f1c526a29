package dev.sparksuite.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparksuite.cluster.JobOptions.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobOptionsTest {

  @Test
  void defaultsAreOneMillionRecordsInTwelvePartitions() throws UsageException {
    assertThat(JobOptions.parse())
        .isEqualTo(new JobOptions(1_000_000, 12, Optional.empty(), 0, Optional.empty()));
  }

  @Test
  void readsEveryFlag() throws UsageException {
    assertThat(
            JobOptions.parse(
                "--records",
                "1_000_003",
                "--partitions",
                "7",
                "--output",
                "/tmp/out",
                "--wait-for-executors",
                "3",
                "--report",
                "/tmp/report.json"))
        .isEqualTo(
            new JobOptions(
                1_000_003, 7, Optional.of("/tmp/out"), 3, Optional.of("/tmp/report.json")));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--records abc       | --records must be a whole number, got 'abc'",
        "--records 0         | --records must be at least 1, got 0",
        "--records -5        | --records must be at least 1, got -5",
        "--partitions 0      | --partitions must be at least 1, got 0",
        "--partitions -1     | --partitions must be at least 1, got -1",
        "--partitions 1.5    | --partitions must be a whole number up to 2147483647, got '1.5'",
        "--records           | --records needs a value",
        "--records --partitions 4 | --records needs a value",
        "--color blue        | unknown argument '--color'",
        "--wait-for-executors -2 | --wait-for-executors must be at least 0, got -2",
        "--report            | --report needs a value",
        "--report /tmp       | --report names a directory, not a file: /tmp",
      })
  void rejectsBadInputWithOneLineNamingTheArgument(String args, String message) {
    assertThatThrownBy(() -> JobOptions.parse(args.trim().split("\\s+")))
        .isInstanceOf(UsageException.class)
        .hasMessage(message);
  }

  @Test
  void aReportUnderAFileIsRefusedBeforeTheJobRuns(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    String report = file.resolve("2026/r.json").toString();

    assertThatThrownBy(() -> JobOptions.parse("--report", report))
        .isInstanceOf(UsageException.class)
        .hasMessage("--report " + report + ": " + file + " is a file");
  }

  @Test
  void badUsageExitsWithTwoAndPrintsNoStackTrace() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = ClusterJob.run(new String[] {"--records", "-5"}, print(out), print(err));

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            "cluster-job: --records must be at least 1, got -5 (--help prints the usage)");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void helpPrintsTheUsageAndExitsWithZero() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = ClusterJob.run(new String[] {"--help"}, print(out), print(err));

    assertThat(exit).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(JobOptions.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }
}
