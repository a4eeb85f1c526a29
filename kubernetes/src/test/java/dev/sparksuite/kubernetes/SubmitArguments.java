package dev.sparksuite.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster job's spark-submit arguments for Kubernetes, as {@code kubernetes/submit-cluster-job}
 * reads them from {@code manifests/cluster-job.args}: one per line, comments and blank lines left
 * out; the options come first, then the application jar and its own arguments.
 */
record SubmitArguments(List<String> all) {

  /** The project's root: the tests run in the module's directory. */
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  static final Path MANIFESTS = ROOT.resolve("kubernetes/manifests");

  static SubmitArguments read() {
    try {
      return new SubmitArguments(
          Files.readAllLines(MANIFESTS.resolve("cluster-job.args")).stream()
              .filter(line -> !line.isBlank() && !line.startsWith("#"))
              .toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The value of an option that takes one ({@code --class}, {@code --name}). */
  String option(String name) {
    int at = all.indexOf(name);
    if (at < 0 || at + 1 >= all.size()) {
      throw new IllegalArgumentException("no " + name + " in " + all);
    }
    return all.get(at + 1);
  }

  /** Every {@code --conf key=value}, in order. */
  Map<String, String> conf() {
    Map<String, String> conf = new LinkedHashMap<>();
    for (int i = 0; i < applicationJarIndex(); i++) {
      if (all.get(i).equals("--conf")) {
        String setting = all.get(++i);
        int equals = setting.indexOf('=');
        conf.put(setting.substring(0, equals), setting.substring(equals + 1));
      }
    }
    return conf;
  }

  String applicationJar() {
    return all.get(applicationJarIndex());
  }

  List<String> applicationArguments() {
    return all.subList(applicationJarIndex() + 1, all.size());
  }

  /** The first argument that is neither an option nor an option's value. */
  private int applicationJarIndex() {
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).startsWith("--")) {
        i++;
      } else {
        return i;
      }
    }
    throw new IllegalArgumentException("no application jar in " + all);
  }

  /** The arguments with the pod templates' paths made absolute, for a JVM not at the root. */
  List<String> withAbsolutePaths() {
    List<String> absolute = new ArrayList<>();
    for (String argument : all) {
      absolute.add(argument.replace("=kubernetes/manifests/", "=" + MANIFESTS + "/"));
    }
    return absolute;
  }
}
