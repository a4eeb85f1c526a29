package dev.sparksuite.connectclient;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TwoSessionsExampleTest {

  @Test
  void aSecondClientSessionSharesTheApplicationButNotViewsOrSettings() throws Exception {
    TwoSessionsExample.Result r;
    try (var first = LocalServer.session();
        var second = first.newSession()) {
      r = TwoSessionsExample.run(first, second);
    }

    assertThat(r.second().sessionId()).isNotEqualTo(r.first().sessionId());
    assertThat(r.second().applicationId()).isEqualTo(r.first().applicationId());
    assertThat(r.first().viewLookup()).isEqualTo("found");
    assertThat(r.second().viewLookup()).contains("[TABLE_OR_VIEW_NOT_FOUND]");
    assertThat(r.first().shufflePartitions()).isEqualTo("7");
    assertThat(r.second().shufflePartitions())
        .as("Spark's default, untouched by the first session's setting")
        .isEqualTo("200");
    // Where the tasks ran says nothing on one host; ClusterConnectIT checks it on the workers.
  }

  @Test
  void oneSessionAskedTwiceSeesItsOwnViewAndSetting() throws Exception {
    TwoSessionsExample.Result r;
    try (var only = LocalServer.session()) {
      r = TwoSessionsExample.run(only, only);
    }

    assertThat(r.second().viewLookup()).isEqualTo("found");
    assertThat(r.second().shufflePartitions()).isEqualTo("7");
  }
}
