package dev.sparksuite.connectclient;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RemoteQueryExampleTest {

  @Test
  void theQueriesRunInTheServersApplication() throws Exception {
    RemoteQueryExample.Result r;
    String otherSessionsApplication;
    try (var spark = LocalServer.session();
        var other = LocalServer.session()) {
      r = RemoteQueryExample.run(spark);
      otherSessionsApplication = other.conf().get("spark.app.id");
    }

    assertThat(r.sqlSum()).isEqualTo(500_000_500_000L);
    assertThat(r.idsPerLastDigit()).hasSize(10).allMatch(n -> n == 100_000L);
    assertThat(r.application().name())
        .as("the application is the server's: named after its class by spark-submit")
        .isEqualTo(LocalConnectServer.SERVER_CLASS);
    assertThat(r.application().id())
        .as("every session of the server runs in its one application")
        .isEqualTo(otherSessionsApplication)
        .startsWith("local-");
    assertThat(r.application().sparkVersion()).isEqualTo("4.1.1");
  }
}
