package dev.sparksuite.docker.probe;

/**
 * The one class of {@code dev.sparksuite.probe:executor-probe:1.0}, the artifact the build puts in
 * a Maven repository of its own ({@code target/apps/repo}) so that a test can fetch it with {@code
 * spark-submit --repositories file:… --packages …}, with no network. It is in no jar the cluster
 * mounts otherwise.
 */
public final class ExecutorProbe {

  private ExecutorProbe() {}

  public static String marker() {
    return "executor-probe 1.0";
  }
}
