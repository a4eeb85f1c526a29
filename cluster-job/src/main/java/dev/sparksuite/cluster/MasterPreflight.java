package dev.sparksuite.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a standalone master ({@code spark://host:port[,host:port]}) accepts connections
 * before the job starts.
 *
 * <p>Without it, Spark creates the session anyway, retries registration in the background for about
 * a minute, and then fails with a stack trace that never names the address. A user who mistyped the
 * master deserves one line that does.
 */
public final class MasterPreflight {

  private MasterPreflight() {}

  /** Thrown when no master address of the URL accepts a connection. */
  public static final class MasterUnreachableException extends Exception {
    MasterUnreachableException(String message) {
      super(message);
    }
  }

  /** Does nothing for local, YARN or Kubernetes masters; they are not reached this way. */
  public static void check(String master, Duration timeout) throws MasterUnreachableException {
    if (master == null || !master.startsWith("spark://")) {
      return;
    }
    List<String> failures = new ArrayList<>();
    for (String address : master.substring("spark://".length()).split(",")) {
      int colon = address.lastIndexOf(':');
      String host = colon < 0 ? address : address.substring(0, colon);
      int port;
      try {
        port = colon < 0 ? 7077 : Integer.parseInt(address.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new MasterUnreachableException(
            "the master URL " + master + " has a port that is not a number");
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
        return;
      } catch (IOException e) {
        failures.add(host + ":" + port + " (" + describe(e) + ")");
      }
    }
    throw new MasterUnreachableException(
        "cannot reach the Spark master "
            + master
            + ": "
            + String.join(", ", failures)
            + "; is the master running and is the address right?");
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
