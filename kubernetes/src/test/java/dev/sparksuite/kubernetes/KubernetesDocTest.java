package dev.sparksuite.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.k8s.Config;
import org.apache.spark.internal.config.ConfigEntry;
import org.apache.spark.network.util.JavaUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every Spark setting {@code docs/kubernetes.md} names is in Spark 4.1.1's own code (spark-core or
 * spark-kubernetes: a class that reads it), and the defaults it states are Spark's.
 */
class KubernetesDocTest {

  private static final Path DOC = SubmitArguments.ROOT.resolve("docs/kubernetes.md");
  private static final Pattern SETTING = Pattern.compile("`(spark\\.[A-Za-z0-9_.*-]+)`");

  private static String jarsText;

  /** The class files of the two jars the settings live in, as one string to search. */
  @BeforeAll
  static void readSparksClasses() throws IOException, URISyntaxException {
    // Loading the objects that declare Spark's settings fills its registry of them.
    Config.KUBERNETES_NAMESPACE();
    org.apache.spark.internal.config.package$.MODULE$.DYN_ALLOCATION_ENABLED();
    StringBuilder text = new StringBuilder();
    for (Class<?> inJar : List.of(SparkConf.class, Config.class)) {
      Path jar = Path.of(inJar.getProtectionDomain().getCodeSource().getLocation().toURI());
      try (JarFile file = new JarFile(jar.toFile())) {
        Enumeration<JarEntry> entries = file.entries();
        while (entries.hasMoreElements()) {
          JarEntry entry = entries.nextElement();
          if (entry.getName().endsWith(".class")) {
            try (InputStream in = file.getInputStream(entry)) {
              // Class-file constants are modified UTF-8, which is ASCII for these names.
              text.append(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
            }
          }
        }
      }
    }
    jarsText = text.toString();
  }

  @Test
  void everySettingTheDocNamesIsReadBySparksCode() throws IOException {
    Set<String> settings = new TreeSet<>();
    Matcher setting = SETTING.matcher(Files.readString(DOC));
    while (setting.find()) {
      settings.add(setting.group(1));
    }
    List<String> missing = new ArrayList<>();
    for (String name : settings) {
      // A family of settings (`spark.kubernetes.driver.secrets.*`) is checked by its prefix.
      String literal = name.contains("*") ? name.substring(0, name.indexOf('*')) : name;
      if (!jarsText.contains(literal) && !registered(name)) {
        missing.add(name);
      }
    }

    assertThat(settings).hasSizeGreaterThan(30);
    assertThat(missing).as("settings of docs/kubernetes.md found in no class of Spark").isEmpty();
  }

  /** A name Spark never reads is caught: the check above is not vacuous. */
  @Test
  void aSettingSparkDoesNotHaveIsNotFound() {
    assertThat(jarsText).contains("spark.kubernetes.submission.waitAppCompletion");
    assertThat(jarsText).doesNotContain("spark.kubernetes.submission.waitForCompletion");
  }

  @Test
  void theDefaultsTheDocStatesAreSparks() throws IOException {
    String doc = Files.readString(DOC);

    assertThat(defaultOf("spark.kubernetes.submission.waitAppCompletion")).isEqualTo("true");
    assertThat(doc).contains("`spark.kubernetes.submission.waitAppCompletion` (default `true`)");
    assertThat(defaultOf("spark.dynamicAllocation.shuffleTracking.enabled")).isEqualTo("true");
    assertThat(doc).contains("`spark.dynamicAllocation.shuffleTracking.enabled` (default `true`)");
    assertThat(defaultOf("spark.kubernetes.decommission.script")).isEqualTo("/opt/decom.sh");
    assertThat(doc).contains("`spark.kubernetes.decommission.script` (default `/opt/decom.sh`)");
    assertThat(defaultOf("spark.executor.memoryOverheadFactor")).isEqualTo("0.1");
    assertThat(defaultOf("spark.kubernetes.memoryOverheadFactor")).isEqualTo("0.1");
    assertThat(doc).contains("`spark.kubernetes.memoryOverheadFactor`; both default to 0.1");
    assertThat(JavaUtils.byteStringAsMb(defaultOf("spark.executor.minMemoryOverhead")))
        .isEqualTo(384);
    assertThat(doc).contains("`spark.executor.minMemoryOverhead` (384 MiB)");
  }

  /** A setting's default, from its entry in Spark's registry. */
  private static String defaultOf(String key) {
    assertThat(registered(key)).as(key).isTrue();
    return ConfigEntry.findEntry(key).defaultValueString();
  }

  /**
   * Whether Spark's registry of settings has the key: the names Spark builds from a prefix at run
   * time ({@code spark.kubernetes.authenticate.driver.serviceAccountName}) are there, not in the
   * class files as one string.
   */
  private static boolean registered(String key) {
    return ConfigEntry.findEntry(key) != null;
  }
}
