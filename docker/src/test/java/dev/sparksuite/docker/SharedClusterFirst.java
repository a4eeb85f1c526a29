package dev.sparksuite.docker;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The run's class order (junit-platform.properties): the classes on the shared cluster first, then
 * the ones that need a cluster of their own, each group by name. Correctness does not depend on it
 * ({@link TestClusters} brings the shared cluster up again if needed); it saves bring-ups.
 */
public final class SharedClusterFirst implements ClassOrderer {

  @Override
  public void orderClasses(ClassOrdererContext context) {
    context
        .getClassDescriptors()
        .sort(
            Comparator.comparing(
                    (ClassDescriptor c) ->
                        !OnTheSharedCluster.class.isAssignableFrom(c.getTestClass()))
                .thenComparing(c -> c.getTestClass().getName()));
  }
}
