package dev.sparksuite.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.lessonkit.JarIndex;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What every module's jar index promises, checked by the module's {@code *DriverTest}: the index is
 * the one source of each lesson's number and title and the README's table follows it, and it names
 * every lesson of its package. Which of its classes have no test named after them ({@link
 * LessonTables#withoutATest}) each module's own test says, since the answer is the module's.
 */
public abstract class JarIndexTests {

  /** The module's index, e.g. {@code ParquetDriver.INDEX}. */
  protected abstract JarIndex index();

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
}
