package dev.sparksuite.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.deploy.SparkSubmit;
import org.apache.spark.network.util.JavaUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@code spark-submit --master k8s://… --deploy-mode cluster} does with the cluster job's
 * arguments ({@code manifests/cluster-job.args}), run in this JVM through Spark's own {@code
 * SparkSubmit} and Kubernetes client against fabric8's mock API server, which stores what it is
 * sent: the driver pod, its service and its configuration, as a real API server would receive them.
 * No pod runs.
 */
class ClusterJobSubmissionTest {

  private static KubernetesMockServer server;
  private static KubernetesClient client;

  private static final SubmitArguments ARGS = SubmitArguments.read();
  private static final String NAMESPACE = ARGS.conf().get("spark.kubernetes.namespace");

  private static Pod driver;

  @BeforeAll
  static void submit() {
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new ApplyingCrudDispatcher(),
            false);
    server.init();
    client = server.createClient();
    String apiServer = server.url("/");
    List<String> args = new ArrayList<>();
    args.addAll(List.of("--master", "k8s://" + apiServer.substring(0, apiServer.length() - 1)));
    // Return once the driver pod is created: nothing would ever run it here.
    args.addAll(List.of("--conf", "spark.kubernetes.submission.waitAppCompletion=false"));
    args.addAll(ARGS.withAbsolutePaths());
    new SparkSubmit().doSubmit(args.toArray(String[]::new));

    List<Pod> pods = client.pods().inNamespace(NAMESPACE).list().getItems();
    assertThat(pods).as("the pods Spark created in %s", NAMESPACE).hasSize(1);
    driver = pods.get(0);
  }

  @AfterAll
  static void stopServer() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.destroy();
    }
  }

  @Test
  void theDriverPodRunsTheJobsClassAndJarThroughTheImagesDriverMode() {
    Container container = driver.getSpec().getContainers().get(0);

    assertThat(container.getImage()).isEqualTo(ARGS.conf().get("spark.kubernetes.container.image"));
    assertThat(container.getArgs()).first().as("the entrypoint's mode").isEqualTo("driver");
    assertThat(container.getArgs())
        .containsSubsequence("--properties-file", "/opt/spark/conf/spark.properties")
        .containsSubsequence("--class", ARGS.option("--class"))
        .endsWith(
            concat(List.of(ARGS.applicationJar()), ARGS.applicationArguments())
                .toArray(String[]::new));
    assertThat(driver.getSpec().getServiceAccountName())
        .isEqualTo(ARGS.conf().get("spark.kubernetes.authenticate.driver.serviceAccountName"));
    assertThat(driver.getMetadata().getLabels()).containsEntry("spark-role", "driver");
  }

  @Test
  void theDriverPodAsksForItsCoresAndItsMemoryPlusTheOverhead() {
    Map<String, Quantity> requests =
        driver.getSpec().getContainers().get(0).getResources().getRequests();
    Map<String, Quantity> limits =
        driver.getSpec().getContainers().get(0).getResources().getLimits();
    long memoryMiB = JavaUtils.byteStringAsMb(ARGS.conf().get("spark.driver.memory"));
    // spark.driver.memoryOverhead's default: 10 % of the memory, at least 384 MiB.
    long overheadMiB = Math.max(384, (long) (memoryMiB * 0.1));

    assertThat(requests.get("cpu")).isEqualTo(new Quantity(ARGS.conf().get("spark.driver.cores")));
    assertThat(requests.get("memory")).isEqualTo(new Quantity((memoryMiB + overheadMiB) + "Mi"));
    assertThat(limits.get("memory")).isEqualTo(requests.get("memory"));
  }

  @Test
  void theDriverPodCarriesThePodTemplateAndItsConfigurationVolume() {
    Container container = driver.getSpec().getContainers().get(0);

    assertThat(driver.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/part-of", "spark-suite");
    assertThat(driver.getMetadata().getAnnotations()).containsEntry("prometheus.io/scrape", "true");
    assertThat(driver.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(185L);
    VolumeMount conf =
        container.getVolumeMounts().stream()
            .filter(m -> m.getMountPath().equals("/opt/spark/conf"))
            .findFirst()
            .orElseThrow();
    Volume volume =
        driver.getSpec().getVolumes().stream()
            .filter(v -> v.getName().equals(conf.getName()))
            .findFirst()
            .orElseThrow();
    ConfigMap properties =
        client.configMaps().inNamespace(NAMESPACE).withName(volume.getConfigMap().getName()).get();

    assertThat(properties.getData().get("spark.properties"))
        .as("the configuration the driver starts with")
        .contains("spark.executor.instances=" + ARGS.conf().get("spark.executor.instances"))
        .contains("spark.executor.cores=" + ARGS.conf().get("spark.executor.cores"))
        .contains("spark.executor.memory=" + ARGS.conf().get("spark.executor.memory"))
        .contains("spark.decommission.enabled=true");
  }

  @Test
  void theDriversServiceExposesItsRpcBlockManagerUiAndConnectPorts() {
    List<Service> services = client.services().inNamespace(NAMESPACE).list().getItems();

    assertThat(services).hasSize(1);
    Service service = services.get(0);
    assertThat(service.getMetadata().getName())
        .startsWith(ARGS.option("--name"))
        .endsWith("-driver-svc");
    assertThat(service.getSpec().getSelector())
        .containsAllEntriesOf(
            Map.of(
                "spark-role",
                "driver",
                "spark-app-selector",
                driver.getMetadata().getLabels().get("spark-app-selector")));
    assertThat(service.getSpec().getPorts())
        .extracting(ServicePort::getPort)
        .as("driver RPC, block manager, UI, and Spark Connect's gRPC")
        .containsExactlyInAnyOrder(7078, 7079, 4040, 15002);
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> both = new ArrayList<>(first);
    both.addAll(second);
    return both;
  }
}
