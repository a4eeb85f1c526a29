package dev.sparksuite.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test that needs more than a JDK and Maven Central: a Docker engine with compose, Chromium, or
 * node and npm. {@code ./mvnw -B verify} leaves it out (the parent pom excludes the tag); {@code
 * ./run-tests}, which installs what these tests need, runs it in its second tier ({@code -P
 * cluster-tier}, which runs only these). The model is Spark's own {@code DockerTest} and {@code
 * ChromeUITest} tags.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(ClusterTier.TAG)
public @interface ClusterTier {

  /** The JUnit tag, as the parent pom's Surefire and Failsafe configuration names it. */
  String TAG = "cluster-tier";
}
