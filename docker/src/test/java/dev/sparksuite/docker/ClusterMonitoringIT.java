package dev.sparksuite.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparksuite.testkit.ClusterTier;
import dev.sparksuite.testkit.Command.Result;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The monitoring profile: Prometheus scrapes the master, the workers and a running application's
 * driver and executors, and every panel query of the two Grafana dashboards in {@code grafana/}
 * returns data from it, while a job runs and after it ended. Grafana itself is not run (its image
 * comes only from a registry); what is proven is that each panel's PromQL has data to draw.
 */
@ClusterTier
class ClusterMonitoringIT extends OnTheSharedCluster {

  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(2);

  /** How long the test holds the job's tasks at most while it waits to have seen everything. */
  private static final Duration HOLD_AT_MOST = Duration.ofMinutes(4);

  private static final Set<String> ALL_TARGETS =
      Set.of("spark-master", "spark-workers", "spark-driver", "spark-executors");
  private static final List<String> DASHBOARDS = List.of("cluster.json", "application.json");

  /**
   * Panel queries that are zero, or have no series, on an idle cluster and only a running job makes
   * positive: "returns data" alone would hold for the cluster panels with no job at all.
   */
  private static final List<String> ONLY_A_JOB_MAKES_POSITIVE =
      List.of(
          "metrics_master_apps_Value",
          "sum(metrics_worker_coresUsed_Value)",
          "metrics_executor_activeTasks{executor_id!=\"driver\"}",
          "sum by (application_name) (metrics_executor_totalShuffleWrite_bytes_total)");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SCREENSHOT =
      TestSettings.path("sparksuite.dockerDir").resolve("target/screenshots/application-jobs.png");

  private static final String NO_TITLE = "(no title)";

  @Test
  void everyDashboardPanelQueryReturnsDataWhileAndAfterAJobRuns() throws Exception {
    Map<String, String> queries = dashboardQueries();
    assertThat(queries).as("panel queries of %s", DASHBOARDS).hasSizeGreaterThanOrEqualTo(20);
    assertThat(queries.values())
        .as("queries of the dashboards")
        .containsAll(ONLY_A_JOB_MAKES_POSITIVE);
    awaitTargetsUp(Set.of("spark-master", "spark-workers"), Duration.ofSeconds(60));
    // On the shared cluster an earlier class's application may have ended a scrape ago: the idle
    // values are read until Prometheus has caught up (within a minute), then checked below.
    Map<String, Double> idle = idleValues();
    long caughtUpBy = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (idle.values().stream().anyMatch(value -> value != 0.0)
        && System.nanoTime() < caughtUpBy) {
      Thread.sleep(1000);
      idle = idleValues();
    }

    // The job holds its middle stage's tasks, one per executor core, until the test releases them:
    // every sample below is taken while they run, however long the scrapes (every 5 s) and the
    // browser take on a busy machine, and the loop ends when everything was seen, not when a job
    // ends.
    // Rates need two scrapes; the peak JVM heap comes with the executors' heartbeats, every 10 s
    // by default (spark.executor.heartbeatInterval), so the job heartbeats every 2 s.
    Instant jobStart = Instant.now();
    Set<String> seenWhileRunning = new LinkedHashSet<>();
    Map<String, Set<String>> targetsUpWhileRunning = new TreeMap<>();
    Map<String, String> pagesThroughTheMaster = new TreeMap<>();
    Map<String, Double> peakWhileRunning = new LinkedHashMap<>();
    String application;
    Result run;
    Instant jobEnd;
    try (HeldJob job = HeldJob.submit(cluster, 3, "spark.executor.heartbeatInterval=2s")) {
      long giveUp = System.nanoTime() + HOLD_AT_MOST.toNanos();
      while (seenWhileRunning.size() < queries.size()
          || pagesThroughTheMaster.isEmpty()
          || peakWhileRunning.size() < ONLY_A_JOB_MAKES_POSITIVE.size()
          || peakWhileRunning.containsValue(0.0)
          || !targetsUpWhileRunning.keySet().containsAll(ALL_TARGETS)) {
        job.assertStillHeld();
        assertThat(System.nanoTime())
            .as(
                "within %s, seen: queries %s, peaks %s, targets %s, pages %s",
                HOLD_AT_MOST,
                seenWhileRunning,
                peakWhileRunning,
                targetsUpWhileRunning,
                pagesThroughTheMaster)
            .isLessThan(giveUp);
        for (Map.Entry<String, String> query : queries.entrySet()) {
          if (!seenWhileRunning.contains(query.getKey()) && !instant(query.getValue()).isEmpty()) {
            seenWhileRunning.add(query.getKey());
          }
        }
        for (String promql : ONLY_A_JOB_MAKES_POSITIVE) {
          peakWhileRunning.merge(promql, peak(instant(promql)), Math::max);
        }
        targets()
            .forEach(
                (pool, up) ->
                    targetsUpWhileRunning.merge(
                        pool,
                        up,
                        (x, y) -> {
                          Set<String> union = new LinkedHashSet<>(x);
                          union.addAll(y);
                          return union;
                        }));
        if (pagesThroughTheMaster.isEmpty()) {
          try {
            pagesThroughTheMaster.putAll(pagesThroughTheMaster());
            if (!pagesThroughTheMaster.isEmpty()) {
              pagesThroughTheMaster.putAll(pagesInTheBrowser());
            }
          } catch (IOException notYet) {
            // the application registered but its UI is not proxied yet: the next round tries again
          }
        }
        Thread.sleep(2000);
      }
      // Still held, so the one active application is this job's.
      application = cluster.activeApplication();
      run = job.releaseAndAwait(JOB_TIMEOUT);
      jobEnd = Instant.now();
    }
    TestSettings.log(
        "pages opened through the master while the job ran: %s", pagesThroughTheMaster);
    assertThat(pagesThroughTheMaster)
        .as(
            "spark.ui.reverseProxy: the master links the running application's UI and a worker's UI under its"
                + " own address, and serves both")
        .containsEntry("application link", ComposeCluster.MASTER_UI + "/proxy/" + application)
        .containsEntry("application jobs page", HeldJob.APP_NAME + " - Spark Jobs")
        .containsKey("worker link")
        .hasEntrySatisfying(
            "worker page", title -> assertThat(title).startsWith("Spark Worker at spark-worker-"))
        .containsEntry(
            "browser: application link", ComposeCluster.MASTER_UI + "/proxy/" + application)
        .hasEntrySatisfying(
            "browser: jobs page",
            dom ->
                assertThat(dom)
                    .contains("<title>" + HeldJob.APP_NAME + " - Spark Jobs</title>")
                    .contains("Total Uptime:"));
    assertThat(SCREENSHOT).as("the screenshot of the application's Jobs page").isNotEmptyFile();
    TestSettings.log(
        "job %s ran %.1f s; targets up while it ran: %s",
        application, run.elapsed().toMillis() / 1e3, targetsUpWhileRunning);

    TestSettings.log(
        "idle cluster before the job: %s; peaks while it ran: %s", idle, peakWhileRunning);
    assertThat(idle)
        .as("on the idle cluster")
        .allSatisfy((promql, value) -> assertThat(value).as(promql).isZero());
    assertThat(peakWhileRunning)
        .as("while the job ran")
        .hasSize(ONLY_A_JOB_MAKES_POSITIVE.size())
        .allSatisfy((promql, value) -> assertThat(value).as(promql).isPositive());

    List<String> missingWhileRunning = new ArrayList<>(queries.keySet());
    missingWhileRunning.removeAll(seenWhileRunning);
    assertThat(missingWhileRunning).as("panel queries without data while the job ran").isEmpty();
    assertThat(targetsUpWhileRunning)
        .as("every Spark process was scraped while the job ran")
        .containsEntry("spark-master", Set.of("spark-master:8080"))
        .containsEntry(
            "spark-workers",
            Set.of("spark-worker-1:8081", "spark-worker-2:8081", "spark-worker-3:8081"))
        .containsEntry("spark-driver", Set.of("spark-client:4040"))
        .containsEntry("spark-executors", Set.of("spark-client:4040"));

    // After the job its driver is gone, and so are its series at "now": a dashboard then shows
    // the
    // job's time range, which is what a range query over that window asks for. Prometheus marks
    // a series stale at the first failed scrape of its target (every 5 s here).
    JsonNode activeTasksNow = instant("metrics_executor_activeTasks");
    long staleBy = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!activeTasksNow.isEmpty() && System.nanoTime() < staleBy) {
      Thread.sleep(1000);
      activeTasksNow = instant("metrics_executor_activeTasks");
    }
    List<String> missingAfter = new ArrayList<>();
    for (Map.Entry<String, String> query : queries.entrySet()) {
      JsonNode series = range(query.getValue(), jobStart.minusSeconds(10), Instant.now());
      if (series.isEmpty()) {
        missingAfter.add(query.getKey());
      } else {
        TestSettings.log(
            "%-70s %d series, last value %s", query.getKey(), series.size(), lastValue(series));
      }
    }
    assertThat(missingAfter)
        .as("panel queries without data over the job's time range, after it ended")
        .isEmpty();
    assertThat(activeTasksNow)
        .as("the application's series are stale once its driver is gone (%s)", jobEnd)
        .isEmpty();
  }

  /** The queries only a job makes positive, at "now". */
  private static Map<String, Double> idleValues() throws Exception {
    Map<String, Double> idle = new LinkedHashMap<>();
    for (String promql : ONLY_A_JOB_MAKES_POSITIVE) {
      idle.put(promql, peak(instant(promql)));
    }
    return idle;
  }

  @Test
  void everyPanelReadsTheProvisionedPrometheusDatasource() throws Exception {
    Path grafana = TestSettings.path("sparksuite.dockerDir").resolve("grafana");
    String datasource =
        Files.readString(grafana.resolve("provisioning/datasources/prometheus.yml"));
    assertThat(datasource).contains("uid: prometheus", "url: http://prometheus:9090");
    for (String dashboard : DASHBOARDS) {
      for (JsonNode panel :
          JSON.readTree(grafana.resolve("dashboards").resolve(dashboard).toFile()).path("panels")) {
        assertThat(panel.path("datasource").path("uid").asText())
            .as("%s: %s", dashboard, panel.path("title"))
            .isEqualTo("prometheus");
      }
    }
  }

  /**
   * The same walk in a real browser: headless Chromium renders the master's page, follows its link
   * to the running application, renders that application's Jobs page (the DOM after its scripts
   * ran) and saves a screenshot of it under target/.
   */
  private static Map<String, String> pagesInTheBrowser() throws Exception {
    String masterPage = HeadlessChromium.render(ComposeCluster.MASTER_UI + "/");
    Matcher appLink =
        Pattern.compile(
                "href=\"(" + Pattern.quote(ComposeCluster.MASTER_UI) + "/proxy/app-[^\"/]+)/?\"")
            .matcher(masterPage);
    if (!appLink.find()) {
      return Map.of("browser: application link", "none in the rendered master page");
    }
    String jobs = appLink.group(1) + "/jobs/";
    Map<String, String> pages = new TreeMap<>();
    pages.put("browser: application link", appLink.group(1));
    pages.put("browser: jobs page", HeadlessChromium.render(jobs));
    HeadlessChromium.screenshot(jobs, SCREENSHOT);
    TestSettings.log("headless Chromium rendered %s; screenshot %s", jobs, SCREENSHOT);
    return pages;
  }

  /**
   * With an application running, what the master's page at 127.0.0.1:9080 links to, and the titles
   * of the pages behind the links: the application's Jobs page and a worker's page. Empty while the
   * master lists no running application yet.
   */
  private static Map<String, String> pagesThroughTheMaster() throws Exception {
    JsonNode apps = cluster.master().path("activeapps");
    if (apps.isEmpty()) {
      return Map.of();
    }
    String application = apps.path(0).path("id").asText();
    String masterPage = cluster.get(ComposeCluster.MASTER_UI + "/");
    Map<String, String> pages = new TreeMap<>();
    Matcher appLink =
        Pattern.compile(
                "href=\"("
                    + Pattern.quote(ComposeCluster.MASTER_UI)
                    + "/proxy/"
                    + Pattern.quote(application)
                    + ")/?\"")
            .matcher(masterPage);
    if (appLink.find()) {
      String jobsTitle = title(cluster.get(appLink.group(1) + "/jobs/"));
      if (jobsTitle.equals(NO_TITLE)) {
        // The master links the application as soon as it registers; its UI may answer a moment
        // later.
        return Map.of();
      }
      pages.put("application link", appLink.group(1));
      pages.put("application jobs page", jobsTitle);
    }
    Matcher workerLink =
        Pattern.compile(
                "href=\"(" + Pattern.quote(ComposeCluster.MASTER_UI) + "/proxy/worker-[^\"]+)\"")
            .matcher(masterPage);
    if (workerLink.find()) {
      pages.put("worker link", workerLink.group(1));
      pages.put("worker page", title(cluster.get(workerLink.group(1) + "/")));
    }
    return pages;
  }

  private static String title(String html) {
    Matcher title = Pattern.compile("<title>([^<]*)</title>").matcher(html);
    return title.find() ? title.group(1).strip() : NO_TITLE;
  }

  /** Every panel's PromQL, keyed "dashboard / panel / refId". */
  private static Map<String, String> dashboardQueries() throws IOException {
    Path dir = TestSettings.path("sparksuite.dockerDir").resolve("grafana/dashboards");
    Map<String, String> queries = new LinkedHashMap<>();
    for (String dashboard : DASHBOARDS) {
      JsonNode root = JSON.readTree(dir.resolve(dashboard).toFile());
      for (JsonNode panel : root.path("panels")) {
        for (JsonNode target : panel.path("targets")) {
          queries.put(
              root.path("title").asText()
                  + " / "
                  + panel.path("title").asText()
                  + " / "
                  + target.path("refId").asText(),
              target.path("expr").asText());
        }
      }
    }
    return queries;
  }

  private static JsonNode instant(String promql) throws Exception {
    return query("/api/v1/query?query=" + encode(promql));
  }

  private static JsonNode range(String promql, Instant start, Instant end) throws Exception {
    return query(
        "/api/v1/query_range?query="
            + encode(promql)
            + "&start="
            + start.getEpochSecond()
            + "&end="
            + end.getEpochSecond()
            + "&step=5");
  }

  private static JsonNode query(String pathAndQuery) throws Exception {
    JsonNode answer = cluster.getJson(ComposeCluster.PROMETHEUS + pathAndQuery);
    assertThat(answer.path("status").asText())
        .as("%s: %s", pathAndQuery, answer)
        .isEqualTo("success");
    return answer.path("data").path("result");
  }

  /** The largest value among an instant query's series; 0 when it has none. */
  private static double peak(JsonNode series) {
    double peak = 0;
    for (JsonNode one : series) {
      peak = Math.max(peak, Double.parseDouble(one.path("value").path(1).asText("0")));
    }
    return peak;
  }

  private static String lastValue(JsonNode series) {
    JsonNode values = series.path(0).path("values");
    return values.path(values.size() - 1).path(1).asText();
  }

  /** The targets Prometheus scraped successfully last, per scrape job. */
  private static Map<String, Set<String>> targets() throws Exception {
    Map<String, Set<String>> up = new TreeMap<>();
    for (JsonNode target :
        cluster
            .getJson(ComposeCluster.PROMETHEUS + "/api/v1/targets")
            .path("data")
            .path("activeTargets")) {
      if (target.path("health").asText().equals("up")) {
        up.computeIfAbsent(target.path("scrapePool").asText(), pool -> new LinkedHashSet<>())
            .add(target.path("labels").path("instance").asText());
      }
    }
    return up;
  }

  private static void awaitTargetsUp(Set<String> pools, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Set<String>> up = Map.of();
    while (System.nanoTime() < deadline) {
      try {
        up = targets();
        if (up.keySet().containsAll(pools)) {
          return;
        }
      } catch (IOException e) {
        // Prometheus not answering yet
      }
      Thread.sleep(1000);
    }
    throw new AssertionError(
        "Prometheus did not scrape " + pools + " within " + timeout + " (up: " + up + ")");
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
