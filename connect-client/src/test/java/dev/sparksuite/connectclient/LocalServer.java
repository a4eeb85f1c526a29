package dev.sparksuite.connectclient;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One local Spark Connect server for the test JVM, started by the first test that needs it and
 * stopped when the JVM ends: every lesson runs unchanged against it, as against a cluster's.
 */
final class LocalServer {

  private static LocalConnectServer server;

  private LocalServer() {}

  static synchronized LocalConnectServer get() throws IOException {
    if (server == null) {
      Path home = Path.of(System.getProperty("sparksuite.sparkHome"));
      server = LocalConnectServer.start(home, LocalModeExample.SERVER_START);
      LocalConnectServer started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close));
    }
    return server;
  }

  static org.apache.spark.sql.connect.SparkSession session() throws IOException {
    return get().remote().open();
  }
}
