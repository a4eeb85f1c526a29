package dev.sparksuite.connectclient;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.connect.SparkSession;
import org.apache.spark.sql.connect.client.SparkConnectClient;

/**
 * A Spark Connect server to run on: its {@code sc://host:port} URL and, when the server asks for
 * one, its token.
 *
 * <p>The token never travels on a command line: it comes from the environment variable the server
 * reads too, {@value #TOKEN_VARIABLE}. Spark's 4.1.1 client sends a token only over TLS, except to
 * the host named exactly {@code localhost} ({@code SparkConnectClient.Configuration.credentials}),
 * and the server has no TLS of its own: a server on this machine is {@code sc://localhost:port};
 * {@code sc://127.0.0.1:port} with a token would start a TLS handshake that the plain server
 * rejects, and the client would retry that failure for minutes, so it is refused here with the
 * reason.
 */
public record Remote(String url, Optional<String> token) {

  /** The variable Spark's Connect server reads its token from, read here for the client's side. */
  public static final String TOKEN_VARIABLE = "SPARK_CONNECT_AUTHENTICATE_TOKEN";

  /** The variable Spark's clients read a server's URL from when none is given. */
  public static final String URL_VARIABLE = "SPARK_REMOTE";

  /** How long {@link #open} waits for the server's port before calling it unreachable. */
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

  /** The argument or the environment cannot name a server; the message is the line to print. */
  public static final class UsageException extends IllegalArgumentException {
    public UsageException(String message) {
      super(message);
    }
  }

  public Remote {
    URI uri = parse(url);
    if (url.contains(";token=")) {
      throw new UsageException(
          "the token does not go in the URL, where a command line shows it: set "
              + TOKEN_VARIABLE
              + " instead");
    }
    if (token.isPresent() && !"localhost".equals(uri.getHost())) {
      throw new UsageException(
          url
              + ": Spark's client sends a token only over TLS, except to the host named"
              + " localhost, and the server speaks plain gRPC: use sc://localhost:"
              + port(uri)
              + " (through an SSH tunnel from another machine)");
    }
  }

  /**
   * The server named by {@code url}, or by {@value #URL_VARIABLE} when {@code url} is empty, with
   * the token of {@value #TOKEN_VARIABLE} if it is set.
   */
  public static Remote of(Optional<String> url, Map<String, String> environment) {
    String chosen =
        url.or(() -> Optional.ofNullable(environment.get(URL_VARIABLE)))
            .filter(u -> !u.isBlank())
            .orElseThrow(
                () ->
                    new UsageException(
                        "no server: give --remote sc://host:port or set SPARK_REMOTE"));
    return new Remote(
        chosen, Optional.ofNullable(environment.get(TOKEN_VARIABLE)).filter(t -> !t.isBlank()));
  }

  /**
   * A new session on the server. The port is tried first, so that an unreachable server is one line
   * within seconds rather than the client's retries (15 of them, each wait 4× the last from 50 ms,
   * at most a minute) running for minutes.
   */
  public SparkSession open() {
    URI uri = parse(url);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(uri.getHost(), port(uri)), CONNECT_TIMEOUT_MILLIS);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot reach the Spark Connect server at " + url + ": " + e.getMessage());
    }
    SparkConnectClient.Builder client = SparkConnectClient.builder().connectionString(url);
    token.ifPresent(client::token);
    return SparkSession.builder().client(client.build()).create();
  }

  /** The port of the URL; Spark Connect's own default, 15002, when it names none. */
  private static int port(URI uri) {
    return uri.getPort() == -1 ? 15002 : uri.getPort();
  }

  private static URI parse(String url) {
    try {
      URI uri = new URI(url);
      if (!"sc".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new UsageException(url + " is not a Spark Connect URL: sc://host:port");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new UsageException(url + " is not a Spark Connect URL: sc://host:port");
    }
  }
}
