package dev.sparksuite.connectclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WhatConnectLacksExampleTest {

  @Test
  void rddsTheSparkContextAndListenersAreRefusedWithOneLine() throws Exception {
    Map<String, WhatConnectLacksExample.Refusal> refusals;
    try (var spark = LocalServer.session()) {
      refusals = WhatConnectLacksExample.run(spark);
    }

    assertThat(refusals.values())
        .extracting(WhatConnectLacksExample.Refusal::condition)
        .containsExactly(
            "UNSUPPORTED_CONNECT_FEATURE.RDD",
            "UNSUPPORTED_CONNECT_FEATURE.SESSION_SPARK_CONTEXT",
            "UNSUPPORTED_CONNECT_FEATURE.SESSION_LISTENER_MANAGER");
    assertThat(refusals.values())
        .allSatisfy(
            r ->
                assertThat(r.message())
                    .startsWith("[" + r.condition() + "] Feature is not supported in Spark Connect")
                    .doesNotContain("\n"));
  }
}
