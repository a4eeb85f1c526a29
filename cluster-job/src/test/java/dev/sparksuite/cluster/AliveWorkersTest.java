package dev.sparksuite.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The count comes from the master's JSON as a JSON parser reads it, whatever its layout. */
class AliveWorkersTest {

  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void readsTheCountWhereverTheFieldStandsAndHoweverItIsSpaced() throws Exception {
    URI ui =
        serve(
            200,
            "{\n  \"url\" : \"spark://m:7077\",\n  \"workers\" : [ { \"id\" : \"w\","
                + " \"state\" : \"ALIVE\" } ],\n  \"aliveworkers\" :   3,\n  \"cores\" : 6\n}");

    assertThat(AliveWorkers.count(ui)).isEqualTo(3);
  }

  @Test
  void aUiBehindAProxyKeepsItsPathPrefix() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/proxy/master/json/",
        exchange -> {
          byte[] bytes = "{\"aliveworkers\":2}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();

    assertThat(
            AliveWorkers.count(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/proxy/master/")))
        .isEqualTo(2);
  }

  @Test
  void anAnswerWithoutTheCountIsOneLineThatSaysSo() throws Exception {
    URI ui = serve(200, "{\"status\":\"ok\"}");

    assertThatThrownBy(() -> AliveWorkers.count(ui))
        .isInstanceOf(IOException.class)
        .hasMessageEndingWith("has no aliveworkers count: is it a Spark master's web UI?");
  }

  @Test
  void anErrorStatusOrNoJsonIsNamed() throws Exception {
    URI notFound = serve(404, "nope");

    assertThatThrownBy(() -> AliveWorkers.count(notFound))
        .hasMessageEndingWith("answered HTTP 404");
    stop();
    URI html = serve(200, "<html>not json</html>");
    assertThatThrownBy(() -> AliveWorkers.count(html)).hasMessageContaining("did not answer JSON");
  }

  @Test
  void aClosedPortIsNamed() throws Exception {
    URI ui = serve(200, "{}");
    stop();
    server = null;

    assertThatThrownBy(() -> AliveWorkers.count(ui))
        .hasMessageStartingWith("cannot read " + ui.resolve("/json/"));
  }

  private URI serve(int status, String body) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/json/",
        exchange -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }
}
