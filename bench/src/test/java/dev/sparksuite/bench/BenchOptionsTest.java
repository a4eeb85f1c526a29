package dev.sparksuite.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void defaultsToAMillionRowsAndThreeRuns() {
    assertThat(BenchOptions.parse(new String[] {"--output", "out"}))
        .isEqualTo(new BenchOptions(1_000_000, 3, Path.of("out")));
  }

  @Test
  void acceptsRowCountsWithSeparators() {
    BenchOptions options =
        BenchOptions.parse(new String[] {"--rows", "10_000_000", "--runs", "1", "--output", "o"});

    assertThat(options.rows()).isEqualTo(10_000_000);
    assertThat(options.runs()).isEqualTo(1);
    assertThat(BenchOptions.parse(new String[] {"--rows", "200,000", "--output", "o"}).rows())
        .isEqualTo(200_000);
  }

  @Test
  void namesResultFilesAfterTheRowCount() {
    assertThat(new BenchOptions(1_000_000, 3, Path.of("o")).label()).isEqualTo("1m");
    assertThat(new BenchOptions(10_000_000, 3, Path.of("o")).label()).isEqualTo("10m");
    assertThat(new BenchOptions(200_000, 3, Path.of("o")).label()).isEqualTo("200k");
    assertThat(new BenchOptions(123_456, 3, Path.of("o")).label()).isEqualTo("123456");
  }

  @Test
  void rejectsBadArgumentsWithOneLineThatSaysWhy() {
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--rows", "1000"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--output DIR is required");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--output", "o", "--rows", "many"}))
        .hasMessage("--rows needs a whole number, not 'many'");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--output", "o", "--rows", "99"}))
        .hasMessage("--rows must be at least 100, not 99");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--output", "o", "--runs", "0"}))
        .hasMessage("--runs must be at least 1, not 0");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--output", "o", "--runs"}))
        .hasMessage("--runs needs a value");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--output", "o", "--threads", "4"}))
        .hasMessage("unknown argument '--threads'");
  }
}
