package dev.sparksuite.connectclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConnectClientDriverTest {

  /** A lesson row of the README's table: "| 1 | title | [`Class`](…) | …". */
  private static final Pattern ROW = Pattern.compile("^\\| (\\d+) \\| [^|]+ \\| \\[`(\\w+)`\\]");

  @Test
  void theReadmesLessonTableIsTheJarsIndex() throws Exception {
    List<String> readme = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("README.md"))) {
      Matcher row = ROW.matcher(line);
      if (row.find()) {
        readme.add(row.group(1) + " " + row.group(2));
      }
    }

    assertThat(readme)
        .containsExactlyElementsOf(
            ConnectClientDriver.LESSONS.stream()
                .map(e -> e.number() + " " + e.lesson().getSimpleName())
                .toList());
  }

  @Test
  void badArgumentsExitWithTwoAndNoServerIsNeededToListTheLessons() throws Exception {
    assertThat(ConnectClientDriver.run(new String[] {})).isZero();
    assertThat(ConnectClientDriver.run(new String[] {"NoSuchExample"})).isEqualTo(2);
    assertThat(ConnectClientDriver.run(new String[] {"--remote", "http://localhost:15002"}))
        .isEqualTo(2);
    assertThat(ConnectClientDriver.run(new String[] {"--remote"})).isEqualTo(2);
  }

  @Test
  void everyLessonHasATestNamedAfterItButTheRestartWhichTheClusterTierProves() {
    assertThat(
            ConnectClientDriver.LESSONS.stream()
                .map(ConnectClientDriver.Entry::lesson)
                .filter(lesson -> !hasTest(lesson))
                .toList())
        .as("a server restarted under the client: docker's ClusterConnectIT")
        .containsExactly(ServerRestartExample.class);
  }

  private static boolean hasTest(Class<?> lesson) {
    try {
      Class.forName(lesson.getName() + "Test", false, lesson.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
