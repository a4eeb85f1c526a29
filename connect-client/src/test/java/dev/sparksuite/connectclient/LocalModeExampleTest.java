package dev.sparksuite.connectclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import org.junit.jupiter.api.Test;

class LocalModeExampleTest {

  @Test
  void theRemoteLessonsQueriesRunUnchangedOnALocalServer() throws Exception {
    LocalModeExample.Result r = LocalModeExample.run(LocalServer.get());

    assertThat(r.query().idsPerLastDigit())
        .as("each last digit ends 100,000 of the ids 0 to 999,999")
        .isEqualTo(Collections.nCopies(10, RemoteQueryExample.IDS / 10));
    assertThat(r.query().sqlSum())
        .isEqualTo(RemoteQueryExample.IDS * (RemoteQueryExample.IDS + 1) / 2);
    assertThat(r.query().application().master())
        .as("the server's master, set on its command line; the client sets none")
        .isEqualTo("local[*]");
  }
}
