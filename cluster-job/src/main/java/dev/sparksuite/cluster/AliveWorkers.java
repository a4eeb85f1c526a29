package dev.sparksuite.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparksuite.lessonkit.Errors;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Prints how many workers a standalone master lists as ALIVE, read from the JSON of its web UI
 * ({@code <ui>/json/}, field {@code aliveworkers}). {@code ./run-cluster-job} asks it before
 * submitting to a cluster, so that the job waits for one executor per worker: what a standalone
 * master starts for an application that does not set {@code spark.executor.cores}.
 *
 * <p>Usage: {@code java -cp "cluster-job.jar:<spark-home>/jars/*"
 * dev.sparksuite.cluster.AliveWorkers <master-ui-url>}. Exit 0 with the count on stdout; 1 with one
 * line on stderr when the UI cannot be read or its answer has no count.
 */
public final class AliveWorkers {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private AliveWorkers() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: AliveWorkers <master-ui-url>");
      System.exit(2);
    }
    try {
      System.out.println(count(URI.create(args[0])));
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("AliveWorkers: " + e.getMessage());
      System.exit(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.exit(1);
    }
  }

  /** The master's count of ALIVE workers. */
  static int count(URI ui) throws IOException, InterruptedException {
    // Appended, not resolved: a UI behind a proxy keeps its path prefix.
    URI json = URI.create(ui.toString().replaceAll("/+$", "") + "/json/");
    HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    HttpResponse<String> response;
    try {
      response =
          client.send(
              HttpRequest.newBuilder(json).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IOException("cannot read " + json + ": " + Errors.oneLine(e), e);
    }
    if (response.statusCode() != 200) {
      throw new IOException(json + " answered HTTP " + response.statusCode());
    }
    JsonNode alive;
    try {
      alive = new ObjectMapper().readTree(response.body()).path("aliveworkers");
    } catch (IOException e) {
      throw new IOException(json + " did not answer JSON: " + Errors.oneLine(e), e);
    }
    if (!alive.canConvertToInt()) {
      throw new IOException(json + " has no aliveworkers count: is it a Spark master's web UI?");
    }
    return alive.asInt();
  }
}
