import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The 1,000,000-record cluster job on the running compose cluster against the same jar on {@code
 * local[2]} on the host, like for like: the local driver gets the JIT options the cluster's {@code
 * conf/spark-defaults.conf} gives every driver and executor. The two are run alternately; each
 * run's wall time is split into its start (until the job's first line: JVM, session, executors
 * registered, and on the cluster docker exec), its four stages (the job's own progress lines) and
 * the rest (report, self-check, stopping Spark). Prints every run, the medians, cluster ÷ local
 * and MET or MISSED against 2.0 (on the medians and again with the cluster's 75th percentile), and
 * writes the same to the output file.
 *
 * <p>Usage, with the cluster up and the jars built ({@code ./mvnw -B -DskipTests package}): {@code
 * java tools/ClusterOverLocal.java [runs-per-side] [output-file]} (7 and
 * docker/results/cluster-over-local.txt by default).
 */
public final class ClusterOverLocal {

  private static final Pattern STAGE_LINE =
      Pattern.compile("^\\[\\d/4\\] .* in (\\d+\\.\\d) s$", Pattern.MULTILINE);
  // The job's first line, printed once its session is up and its executors have registered.
  private static final Pattern JOB_STARTS = Pattern.compile("^cluster-job: [0-9,]+ records in ");
  private static final Pattern JIT_OPTIONS =
      Pattern.compile("^spark\\.driver\\.extraJavaOptions\\s+(.+)$", Pattern.MULTILINE);
  private static final String JAR = "docker/target/apps/cluster-job.jar";
  private static final String SPARK_SUBMIT = "spark-home/target/spark-home/bin/spark-submit";
  private static final double TARGET = 2.0;
  private static final int MIN_RUNS_FOR_VERDICT = 7;

  private ClusterOverLocal() {}

  /**
   * One run, in milliseconds: its wall time, the time until the job printed its first line (JVM
   * start, session, executors registered; on the cluster also docker exec), and the sum of its four
   * stages.
   */
  record Run(long wallMs, long startMs, long stagesMs) {

    /** After the stages: the report, the self-check, stopping Spark. */
    long restMs() {
      return wallMs - startMs - stagesMs;
    }
  }

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    Path output = Path.of(args.length > 1 ? args[1] : "docker/results/cluster-over-local.txt");
    if (!Files.isRegularFile(Path.of(JAR)) || !Files.isExecutable(Path.of(SPARK_SUBMIT))) {
      System.err.println(
          "ClusterOverLocal: " + JAR + " or " + SPARK_SUBMIT + " is missing: run ./mvnw -B -DskipTests package");
      System.exit(1);
    }
    String jit = clusterJitOptions();
    List<String> lines = new ArrayList<>();
    lines.add(
        "The 1,000,000-record cluster job: compose cluster (docker/submit cluster-job"
            + " --wait-for-executors 3) against local[2] on the host, "
            + runs
            + " runs each, alternating; wall time of the submit, and the sum of the job's four stages");
    lines.add("date: " + ZonedDateTime.now(ZoneOffset.UTC).withNano(0));
    lines.add(
        "machine: "
            + Runtime.getRuntime().availableProcessors()
            + " cores, Java "
            + System.getProperty("java.version"));
    lines.add("JIT options on both sides (the cluster's spark.driver.extraJavaOptions): " + jit);
    List<Run> cluster = new ArrayList<>();
    List<Run> local = new ArrayList<>();
    for (int i = 1; i <= runs; i++) {
      cluster.add(record("cluster ", run(List.of("docker/submit", "cluster-job", "--wait-for-executors", "3")), lines));
      local.add(
          record(
              "local[2]",
              run(
                  List.of(
                      SPARK_SUBMIT,
                      "--master",
                      "local[2]",
                      "--driver-java-options",
                      jit,
                      "--class",
                      "dev.sparksuite.cluster.ClusterJob",
                      JAR)),
              lines));
      System.err.printf("ClusterOverLocal: round %d of %d%n", i, runs);
    }
    double clusterWall = percentile(cluster.stream().mapToLong(Run::wallMs).toArray(), 50);
    double clusterWall75 = percentile(cluster.stream().mapToLong(Run::wallMs).toArray(), 75);
    double localWall = percentile(local.stream().mapToLong(Run::wallMs).toArray(), 50);
    double clusterStages = percentile(cluster.stream().mapToLong(Run::stagesMs).toArray(), 50);
    double localStages = percentile(local.stream().mapToLong(Run::stagesMs).toArray(), 50);
    lines.add(
        String.format(
            Locale.ROOT,
            "medians, ms: cluster %.0f = start %.0f + stages %.0f + the rest %.0f; local[2] %.0f ="
                + " start %.0f + stages %.0f + the rest %.0f (start: until the job's first line,"
                + " i.e. JVM, session and executors; the rest: report, self-check, stopping Spark)",
            clusterWall,
            percentile(cluster.stream().mapToLong(Run::startMs).toArray(), 50),
            clusterStages,
            percentile(cluster.stream().mapToLong(Run::restMs).toArray(), 50),
            localWall,
            percentile(local.stream().mapToLong(Run::startMs).toArray(), 50),
            localStages,
            percentile(local.stream().mapToLong(Run::restMs).toArray(), 50)));
    double ratio = clusterWall / localWall;
    double ratio75 = clusterWall75 / localWall;
    lines.add(
        String.format(
            Locale.ROOT,
            "cluster ÷ local: %.2f (cluster's 75th percentile: %.2f); stages alone %.2f;"
                + " target <= %.1f: %s",
            ratio,
            ratio75,
            clusterStages / localStages,
            TARGET,
            runs < MIN_RUNS_FOR_VERDICT
                ? "NO VERDICT (fewer than " + MIN_RUNS_FOR_VERDICT + " runs)"
                : ratio <= TARGET && ratio75 <= TARGET ? "MET" : "MISSED"));
    lines.forEach(System.out::println);
    Files.createDirectories(output.toAbsolutePath().getParent());
    Files.write(output, lines, UTF_8);
  }

  private static String clusterJitOptions() throws IOException {
    Matcher m = JIT_OPTIONS.matcher(Files.readString(Path.of("docker/conf/spark-defaults.conf")));
    if (!m.find()) {
      throw new IllegalStateException("no spark.driver.extraJavaOptions in docker/conf/spark-defaults.conf");
    }
    return m.group(1).trim();
  }

  private static Run run(List<String> command) throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    StringBuilder out = new StringBuilder();
    long jobStarts = -1;
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (jobStarts < 0 && JOB_STARTS.matcher(line).find()) {
          jobStarts = (System.nanoTime() - start) / 1_000_000;
        }
        out.append(line).append('\n');
      }
    }
    int exit = process.waitFor();
    long wall = (System.nanoTime() - start) / 1_000_000;
    if (exit != 0 || jobStarts < 0 || !out.toString().contains("Self-check: PASSED")) {
      throw new IllegalStateException(
          String.join(" ", command) + " failed (exit " + exit + "):\n" + out);
    }
    long stages = 0;
    Matcher stage = STAGE_LINE.matcher(out);
    while (stage.find()) {
      stages += Math.round(Double.parseDouble(stage.group(1)) * 1000);
    }
    return new Run(wall, jobStarts, stages);
  }

  private static Run record(String side, Run run, List<String> lines) {
    lines.add(
        String.format(
            Locale.ROOT,
            "  %s %6d ms (start %5d ms, stages %5d ms, the rest %5d ms)",
            side,
            run.wallMs(),
            run.startMs(),
            run.stagesMs(),
            run.restMs()));
    return run;
  }

  /** Nearest rank, as the benchmarks compute it. */
  private static double percentile(long[] values, int p) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }
}
