package dev.sparksuite.cluster;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sparksuite.cluster.MasterPreflight.MasterUnreachableException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MasterPreflightTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  @Test
  void aMasterThatRefusesConnectionsIsNamedInOneLine() throws Exception {
    int closedPort = closedPort();
    String master = "spark://127.0.0.1:" + closedPort;

    assertThatThrownBy(() -> MasterPreflight.check(master, TIMEOUT))
        .isInstanceOf(MasterUnreachableException.class)
        .hasMessageStartingWith(
            "cannot reach the Spark master " + master + ": 127.0.0.1:" + closedPort)
        .hasMessageEndingWith("is the master running and is the address right?")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aListeningMasterPasses() throws Exception {
    try (ServerSocket master = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatCode(
              () -> MasterPreflight.check("spark://127.0.0.1:" + master.getLocalPort(), TIMEOUT))
          .doesNotThrowAnyException();
    }
  }

  @Test
  void oneReachableMasterOfAnHaListIsEnough() throws Exception {
    int closedPort = closedPort();
    try (ServerSocket master = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String url = "spark://127.0.0.1:" + closedPort + ",127.0.0.1:" + master.getLocalPort();
      assertThatCode(() -> MasterPreflight.check(url, TIMEOUT)).doesNotThrowAnyException();
    }
  }

  @Test
  void localMastersAreNotProbed() {
    assertThatCode(() -> MasterPreflight.check("local[*]", TIMEOUT)).doesNotThrowAnyException();
  }

  @Test
  void aPortThatIsNotANumberIsReported() {
    assertThatThrownBy(() -> MasterPreflight.check("spark://host:seventy", TIMEOUT))
        .isInstanceOf(MasterUnreachableException.class)
        .hasMessage("the master URL spark://host:seventy has a port that is not a number");
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
