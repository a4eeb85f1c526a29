package dev.sparksuite.testkit;

import dev.sparksuite.testkit.Command.Result;
import dev.sparksuite.testkit.HdfsHome.Daemon;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An HDFS on loopback, run from the assembled Hadoop home's {@code bin/hdfs}: a NameNode formatted
 * in a scratch directory and its DataNodes, all stopped by {@link #close}. For the home's own test
 * and for tests that submit a lesson with its output on HDFS.
 */
public final class LocalHdfs implements AutoCloseable {

  /** The Hadoop home the build assembles (the hadoop-home module), as the pom passes it. */
  public static final Path HOME =
      Path.of(System.getProperty("sparksuite.hadoopHome", "../hadoop-home/target/hadoop-home"));

  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);
  private static final String STATE = "Hadoop:service=NameNode,name=FSNamesystemState";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final HdfsHome home;
  private final int rpcPort;
  private final int httpPort;

  private LocalHdfs(HdfsHome home, int rpcPort, int httpPort) {
    this.home = home;
    this.rpcPort = rpcPort;
    this.httpPort = httpPort;
  }

  /**
   * Formats a NameNode under {@code dir}, starts it and the DataNodes, and waits until every
   * DataNode has registered and the NameNode has left safe mode. With one DataNode, one copy per
   * block; with more, as many as the home's {@code hdfs-site.xml} says.
   */
  public static LocalHdfs start(Path dir, int dataNodes) throws IOException, InterruptedException {
    if (!Files.isExecutable(HOME.resolve("bin/hdfs"))) {
      throw new IllegalStateException(
          "no Hadoop home at " + HOME.toAbsolutePath() + ": build the hadoop-home module first");
    }
    int rpcPort = HdfsHome.freePort();
    int httpPort = HdfsHome.freePort();
    // Generic options every command takes before its own: the NameNode's address, and a scratch
    // directory instead of /tmp/hadoop-<user>.
    List<String> generic =
        new ArrayList<>(
            List.of(
                "-D",
                "fs.defaultFS=hdfs://127.0.0.1:" + rpcPort,
                "-D",
                "hadoop.tmp.dir=" + dir.resolve("tmp")));
    if (dataNodes == 1) {
      generic.addAll(List.of("-D", "dfs.replication=1"));
    }
    List<String> nameNode = new ArrayList<>(generic);
    nameNode.addAll(
        List.of(
            "-D",
            "dfs.namenode.name.dir=" + dir.resolve("name"),
            "-D",
            "dfs.namenode.http-address=127.0.0.1:" + httpPort));
    LocalHdfs hdfs =
        new LocalHdfs(
            new HdfsHome(HOME, Files.createDirectories(dir.resolve("logs"))), rpcPort, httpPort);
    try {
      Result format = hdfs.run(words("namenode", nameNode, "-format", "-nonInteractive"));
      if (format.exitCode() != 0) {
        throw new IllegalStateException("the NameNode did not format: " + format.describe());
      }
      long startNanos = System.nanoTime();
      hdfs.home.start("namenode", words("namenode", nameNode));
      for (int i = 1; i <= dataNodes; i++) {
        // Port 0 everywhere: each DataNode binds what the OS gives it and reports it to the
        // NameNode.
        hdfs.home.start(
            "datanode-" + i,
            words(
                "datanode",
                generic,
                "-D",
                "dfs.datanode.data.dir=" + dir.resolve("data-" + i),
                "-D",
                "dfs.datanode.address=127.0.0.1:0",
                "-D",
                "dfs.datanode.http.address=127.0.0.1:0",
                "-D",
                "dfs.datanode.ipc.address=127.0.0.1:0"));
      }
      hdfs.awaitJmx(STATE, "NumLiveDataNodes", dataNodes);
      Result safeMode = hdfs.run(words("dfsadmin", generic, "-safemode", "wait"));
      if (!safeMode.stdout().contains("Safe mode is OFF")) {
        throw new IllegalStateException("the NameNode stayed in safe mode: " + safeMode.describe());
      }
      System.out.printf(
          "HDFS (a NameNode and %d DataNode(s)) up at %s in %.1f s%n",
          dataNodes, hdfs.uri(), (System.nanoTime() - startNanos) / 1e9);
      return hdfs;
    } catch (IOException | InterruptedException | RuntimeException e) {
      hdfs.close();
      throw e;
    }
  }

  /** The file system's root, {@code hdfs://127.0.0.1:<port>}. */
  public String uri() {
    return "hdfs://127.0.0.1:" + rpcPort;
  }

  public int rpcPort() {
    return rpcPort;
  }

  public int httpPort() {
    return httpPort;
  }

  /** The NameNode and DataNode processes, in the order they started. */
  public List<Daemon> daemons() {
    return home.daemons();
  }

  /** Runs {@code bin/hdfs dfs <args>} against this file system, e.g. {@code -ls -R /lessons}. */
  public Result dfs(String... args) throws IOException, InterruptedException {
    return run(words("dfs", List.of("-D", "fs.defaultFS=" + uri()), List.of(args)));
  }

  /** Polls a NameNode JMX attribute until it has the value; fails early if a daemon died. */
  public void awaitJmx(String bean, String attribute, long expected) throws InterruptedException {
    Pattern value = Pattern.compile("\"" + attribute + "\"\\s*:\\s*(-?\\d+)");
    String last = "";
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      failIfADaemonDied();
      last = jmx(bean);
      Matcher matcher = value.matcher(last);
      if (matcher.find() && Long.parseLong(matcher.group(1)) == expected) {
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        bean
            + "."
            + attribute
            + " did not reach "
            + expected
            + " within "
            + STARTUP_TIMEOUT
            + "; last answer: "
            + last
            + "\n"
            + home.daemons().stream().map(Daemon::logTail).collect(Collectors.joining("\n")));
  }

  /** A NameNode JMX bean as its web server answers, or why it did not (not listening yet). */
  public String jmx(String bean) throws InterruptedException {
    try {
      HttpResponse<String> response = get("/jmx?qry=" + bean);
      return response.statusCode() == 200 ? response.body() : "HTTP " + response.statusCode();
    } catch (IOException notYetListening) {
      return notYetListening.toString();
    }
  }

  /** A GET from the NameNode's web server. */
  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .timeout(Duration.ofSeconds(10))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Throws, with the daemon's log, if one of them has exited. */
  public void failIfADaemonDied() {
    for (Daemon daemon : home.daemons()) {
      if (!daemon.process().isAlive()) {
        throw new IllegalStateException(
            daemon.name()
                + " exited with "
                + daemon.process().exitValue()
                + "\n"
                + daemon.logTail());
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    home.close();
  }

  private Result run(List<String> command) throws IOException, InterruptedException {
    return home.run(command, COMMAND_TIMEOUT);
  }

  /** A command line from words and lists of words. */
  private static List<String> words(Object... parts) {
    List<String> all = new ArrayList<>();
    for (Object part : parts) {
      if (part instanceof List<?> list) {
        list.forEach(word -> all.add((String) word));
      } else {
        all.add((String) part);
      }
    }
    return all;
  }
}
