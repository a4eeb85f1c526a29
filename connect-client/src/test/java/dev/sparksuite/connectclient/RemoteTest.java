package dev.sparksuite.connectclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RemoteTest {

  @Test
  void aTokenIsRefusedForAnyHostButLocalhost() {
    assertThatThrownBy(() -> new Remote("sc://127.0.0.1:15002", Optional.of("t")))
        .isInstanceOf(Remote.UsageException.class)
        .hasMessageContaining("use sc://localhost:15002");
    assertThat(new Remote("sc://localhost:15002", Optional.of("t")).token()).contains("t");
    assertThat(new Remote("sc://127.0.0.1:15002", Optional.empty()).url())
        .isEqualTo("sc://127.0.0.1:15002");
  }

  @Test
  void theTokenComesFromTheEnvironmentNeverTheUrl() {
    assertThatThrownBy(() -> Remote.of(Optional.of("sc://localhost/;token=abc"), Map.of()))
        .hasMessageContaining("SPARK_CONNECT_AUTHENTICATE_TOKEN");
    Remote remote =
        Remote.of(
            Optional.empty(),
            Map.of("SPARK_REMOTE", "sc://localhost:15002", Remote.TOKEN_VARIABLE, "secret"));
    assertThat(remote.url()).isEqualTo("sc://localhost:15002");
    assertThat(remote.token()).contains("secret");
  }

  @Test
  void badUrlsAndAbsentServersAreOneLine() {
    assertThatThrownBy(() -> Remote.of(Optional.empty(), Map.of()))
        .hasMessage("no server: give --remote sc://host:port or set SPARK_REMOTE");
    assertThatThrownBy(() -> Remote.of(Optional.of("http://localhost:15002"), Map.of()))
        .hasMessage("http://localhost:15002 is not a Spark Connect URL: sc://host:port");
    assertThatThrownBy(() -> new Remote("sc://localhost:1", Optional.empty()).open())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("cannot reach the Spark Connect server at sc://localhost:1: ")
        .hasNoCause();
  }
}
