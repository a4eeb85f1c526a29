import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code spark.network.crypto.enabled} (AES encryption of Spark's RPC and block transfers, on
 * top of the authentication the compose cluster always has) costs the 1,000,000-record cluster job
 * on the running compose cluster: the job is run through {@code docker/submit} alternately without
 * and with it, and the cluster time is the sum of the job's stage durations from its own report.
 * Prints every run, the medians, the cost in percent and MET or MISSED against 10 %, and writes the
 * same to the output file.
 *
 * <p>Usage, with the cluster up: {@code java tools/NetworkCryptoCost.java [runs-per-setting]
 * [output-file]} (5 and docker/results/network-crypto.txt by default).
 */
public final class NetworkCryptoCost {

  private static final Pattern STAGE_DURATION = Pattern.compile("\"durationMs\":(\\d+)");
  private static final double TARGET_PERCENT = 10;

  private NetworkCryptoCost() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path output = Path.of(args.length > 1 ? args[1] : "docker/results/network-crypto.txt");
    List<String> lines = new ArrayList<>();
    lines.add(
        "spark.network.crypto.enabled on the compose cluster: the 1,000,000-record job, "
            + runs
            + " runs per setting, alternating; cluster time = sum of the job's stage durations");
    lines.add("date: " + ZonedDateTime.now(ZoneOffset.UTC).withNano(0));
    lines.add(
        "machine: "
            + Runtime.getRuntime().availableProcessors()
            + " cores, Java "
            + System.getProperty("java.version"));
    List<Long> off = new ArrayList<>();
    List<Long> on = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      off.add(run(false, lines));
      on.add(run(true, lines));
    }
    long medianOff = median(off);
    long medianOn = median(on);
    double cost = 100.0 * (medianOn - medianOff) / medianOff;
    lines.add(
        String.format(
            Locale.ROOT,
            "median cluster time: %d ms without, %d ms with encryption: %+.1f %% (target under %.0f %%):"
                + " %s",
            medianOff,
            medianOn,
            cost,
            TARGET_PERCENT,
            cost < TARGET_PERCENT ? "MET" : "MISSED"));
    lines.forEach(System.out::println);
    Files.createDirectories(output.toAbsolutePath().getParent());
    Files.write(output, lines, UTF_8);
  }

  private static long run(boolean encrypted, List<String> lines)
      throws IOException, InterruptedException {
    ProcessBuilder submit =
        new ProcessBuilder("docker/submit", "cluster-job", "--wait-for-executors", "3")
            .redirectErrorStream(true);
    submit
        .environment()
        .put("SPARK_SUBMIT_OPTIONS", "--conf spark.network.crypto.enabled=" + encrypted);
    Process process = submit.start();
    String out = new String(process.getInputStream().readAllBytes(), UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("the job failed:\n" + out);
    }
    String report = reportOf(out);
    long total = 0;
    Matcher stage = STAGE_DURATION.matcher(report);
    while (stage.find()) {
      total += Long.parseLong(stage.group(1));
    }
    lines.add(String.format(Locale.ROOT, "  encryption %-5s %6d ms", encrypted, total));
    return total;
  }

  /**
   * The job's JSON report, from the file its console names, read in the compose project's {@code
   * spark-client} container, where {@code docker/submit} ran the driver.
   */
  private static String reportOf(String out) throws IOException, InterruptedException {
    String prefix = "Report (JSON): ";
    String file =
        out.lines()
            .filter(l -> l.startsWith(prefix))
            .map(l -> l.substring(prefix.length()))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no report file named in:\n" + out));
    String project = System.getenv().getOrDefault("COMPOSE_PROJECT_NAME", "docker");
    String client =
        output(
                "docker",
                "ps",
                "-q",
                "--filter",
                "label=com.docker.compose.project=" + project,
                "--filter",
                "label=com.docker.compose.service=spark-client")
            .strip();
    if (client.isEmpty() || client.contains("\n")) {
      throw new IllegalStateException("not one spark-client container in project " + project);
    }
    return output("docker", "exec", client, "cat", file);
  }

  private static String output(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String text = new String(process.getInputStream().readAllBytes(), UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + text);
    }
    return text;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
