package dev.sparksuite.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.lessonkit.JarIndex;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every module's jar index promises, checked by the module's {@code *DriverTest}: the index is
 * the one source of each lesson's number and title and the README's table follows it, it names
 * every lesson of its package, and each of its classes has a test class named after it.
 */
public abstract class JarIndexTests {

  /** The module's index, e.g. {@code ParquetDriver.INDEX}. */
  protected abstract JarIndex index();

  /**
   * The classes proved somewhere other than a test named after them: the lessons every format
   * teaches alike, proved side by side in formats-compared's {@code SameLessonAcrossFormatsTest}.
   */
  protected List<Class<?>> provedElsewhere() {
    return List.of();
  }

  @Test
  void theReadmesLessonTableIsTheJarsIndex() throws Exception {
    assertThat(LessonTables.ofReadme(Path.of("README.md")))
        .isNotEmpty()
        .containsExactlyElementsOf(LessonTables.ofIndex(index()));
  }

  @Test
  void everyExampleClassOfThePackageHasAnEntry() throws Exception {
    assertThat(index().entries())
        .extracting(e -> e.type().getSimpleName())
        .containsAll(LessonTables.examplesInPackage(index()));
  }

  @Test
  void everyLessonAndToolHasATestNamedAfterIt() {
    assertThat(LessonTables.withoutATest(index()))
        .as("no test named after them, and not listed as proved elsewhere")
        .containsExactlyInAnyOrderElementsOf(provedElsewhere());
  }
}
