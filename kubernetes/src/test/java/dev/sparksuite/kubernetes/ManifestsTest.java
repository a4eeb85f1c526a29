package dev.sparksuite.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every manifest parses into fabric8's model classes with no field they do not know (a misspelt or
 * misplaced key would land in a class's additional properties), and the operator's {@code
 * SparkApplication} says what the spark-submit arguments and the pod templates say.
 */
class ManifestsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SubmitArguments ARGS = SubmitArguments.read();

  @Test
  void theRbacManifestIsANamespaceAServiceAccountARoleAndItsBinding() throws Exception {
    List<HasMetadata> objects = load("rbac.yaml");

    assertThat(objects)
        .extracting(o -> (Object) o.getClass())
        .containsExactly(Namespace.class, ServiceAccount.class, Role.class, RoleBinding.class);
    Role role = (Role) objects.get(2);
    RoleBinding binding = (RoleBinding) objects.get(3);
    assertThat(role.getRules().get(0).getResources()).contains("pods", "services", "configmaps");
    assertThat(role.getRules().get(0).getVerbs()).contains("create", "watch", "delete");
    assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
    assertThat(binding.getSubjects().get(0).getName())
        .isEqualTo(
            SubmitArguments.read()
                .conf()
                .get("spark.kubernetes.authenticate.driver.serviceAccountName"));
    assertThat(objects.get(1).getMetadata().getNamespace())
        .isEqualTo(ARGS.conf().get("spark.kubernetes.namespace"));
    objects.forEach(o -> assertThat(unknownFields(o)).as("%s", o.getKind()).isEmpty());
  }

  @Test
  void thePodTemplatesArePodsWithNoUnknownField() throws Exception {
    for (String template : List.of("driver-pod-template.yaml", "executor-pod-template.yaml")) {
      List<HasMetadata> objects = load(template);

      assertThat(objects).as(template).singleElement().isInstanceOf(Pod.class);
      assertThat(unknownFields(objects.get(0))).as(template).isEmpty();
    }
  }

  /** A template whose field is misplaced is caught: the check above is not vacuous. */
  @Test
  void aMisplacedFieldIsFound() {
    Pod pod =
        Serialization.unmarshal(
            "apiVersion: v1\nkind: Pod\nspec:\n  securityContext:\n    runAsUsr: 185\n", Pod.class);

    assertThat(unknownFields(pod)).containsExactly("spec.securityContext.runAsUsr");
  }

  @Test
  void theOperatorsApplicationSaysWhatTheSubmitArgumentsAndTemplatesSay() throws Exception {
    GenericKubernetesResource application =
        (GenericKubernetesResource) load("spark-application.yaml").get(0);
    JsonNode spec = JSON.valueToTree(application.getAdditionalProperties()).path("spec");

    assertThat(application.getApiVersion()).isEqualTo("spark.apache.org/v1");
    assertThat(application.getKind()).isEqualTo("SparkApplication");
    assertThat(application.getMetadata().getNamespace())
        .isEqualTo(ARGS.conf().get("spark.kubernetes.namespace"));
    assertThat(spec.path("mainClass").asText()).isEqualTo(ARGS.option("--class"));
    assertThat(spec.path("jars").asText()).isEqualTo(ARGS.applicationJar());
    assertThat(JSON.convertValue(spec.path("driverArgs"), List.class))
        .isEqualTo(ARGS.applicationArguments());
    assertThat(spec.path("runtimeVersions").path("sparkVersion").asText())
        .isEqualTo(org.apache.spark.package$.MODULE$.SPARK_VERSION());

    Map<String, String> submitted = new LinkedHashMap<>(ARGS.conf());
    // The operator takes the templates inline (below), and the name from --name.
    submitted.remove("spark.kubernetes.driver.podTemplateFile");
    submitted.remove("spark.kubernetes.executor.podTemplateFile");
    submitted.put("spark.app.name", ARGS.option("--name"));
    assertThat(JSON.convertValue(spec.path("sparkConf"), Map.class)).isEqualTo(submitted);

    assertThat(plain(spec.path("driverSpec").path("podTemplateSpec")))
        .isEqualTo(templateOf("driver-pod-template.yaml"));
    assertThat(plain(spec.path("executorSpec").path("podTemplateSpec")))
        .isEqualTo(templateOf("executor-pod-template.yaml"));
  }

  /** A pod template's metadata and spec, as the operator's podTemplateSpec holds them. */
  private static JsonNode templateOf(String file) throws IOException {
    JsonNode pod = JSON.valueToTree(load(file).get(0));
    return plain(
        JSON.createObjectNode()
            .setAll(Map.of("metadata", pod.path("metadata"), "spec", pod.path("spec"))));
  }

  /** The tree as its JSON text reads back: a model's long and a parsed int compare equal. */
  private static JsonNode plain(JsonNode tree) throws IOException {
    return JSON.readTree(tree.toString());
  }

  private static List<HasMetadata> load(String file) throws IOException {
    try (InputStream in = Files.newInputStream(SubmitArguments.MANIFESTS.resolve(file))) {
      Object parsed = Serialization.unmarshal(in);
      return parsed instanceof List<?> list
          ? list.stream().map(HasMetadata.class::cast).toList()
          : List.of((HasMetadata) parsed);
    }
  }

  /**
   * The dotted paths of every field a fabric8 model object (or one nested in it) kept as an
   * additional property: a key its class does not know.
   */
  static List<String> unknownFields(Object model) {
    List<String> unknown = new ArrayList<>();
    walk(model, "", unknown);
    return unknown;
  }

  private static void walk(Object value, String path, List<String> unknown) {
    if (value == null
        || !value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      if (value instanceof Collection<?> items) {
        items.forEach(item -> walk(item, path, unknown));
      }
      return;
    }
    try {
      for (PropertyDescriptor property :
          Introspector.getBeanInfo(value.getClass(), Object.class).getPropertyDescriptors()) {
        if (property.getReadMethod() == null) {
          continue;
        }
        Object field = property.getReadMethod().invoke(value);
        String fieldPath = path.isEmpty() ? property.getName() : path + "." + property.getName();
        if (property.getName().equals("additionalProperties")) {
          ((Map<?, ?>) field)
              .keySet()
              .forEach(key -> unknown.add(path.isEmpty() ? key.toString() : path + "." + key));
        } else {
          walk(field, fieldPath, unknown);
        }
      }
    } catch (IntrospectionException | IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + value.getClass(), e);
    }
  }
}
