package dev.sparksuite.lessonkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output-directory argument: a local lesson refuses a path on another file system in one line,
 * and a lesson that runs on any Hadoop file system checks the path on that file system. {@code
 * otherfs://} stands in for HDFS: the local disk under another scheme, so its answers come from
 * Hadoop's {@code FileSystem}, not from {@code java.nio}.
 */
class LessonOutputTest {

  /** The local disk under the scheme {@code otherfs}. */
  public static final class OtherFileSystem extends RawLocalFileSystem {
    @Override
    public URI getUri() {
      return URI.create("otherfs:///");
    }

    @Override
    public String getScheme() {
      return "otherfs";
    }
  }

  @TempDir Path dir;

  private static Configuration withOtherFs() {
    Configuration conf = new Configuration(false);
    conf.set("fs.otherfs.impl", OtherFileSystem.class.getName());
    conf.setBoolean("fs.otherfs.impl.disable.cache", true);
    return conf;
  }

  @Test
  void aLocalLessonRefusesAPathOnAnotherFileSystemInOneLine() {
    assertThatThrownBy(
            () ->
                Lesson.outputDirectory(
                    new String[] {"hdfs://namenode:8020/lessons/x"}, Lesson.class))
        .isInstanceOf(Lesson.UsageException.class)
        .hasMessage(
            "Lesson: output directory hdfs://namenode:8020/lessons/x is not on the local disk: this lesson"
                + " takes a local directory (the first lesson of each format takes any Hadoop path)");
  }

  @Test
  void aFileUriIsALocalDirectory() {
    Path out = dir.resolve("out");
    assertThat(Lesson.outputDirectory(new String[] {out.toUri().toString()}, Lesson.class))
        .isEqualTo(out);
  }

  @Test
  void aPathWithoutSchemeIsTheSameLocalDirectoryForEitherKindOfLesson() {
    Path out = dir.resolve("out");
    assertThat(
            Lesson.outputPath(new String[] {out.toString()}, Lesson.class, withOtherFs()).toUri())
        .isEqualTo(out.toUri());
  }

  @Test
  void onAnotherFileSystemTheDirectoryIsCheckedThere() throws IOException {
    Files.createDirectories(dir.resolve("parent"));
    Files.writeString(dir.resolve("parent/a-file"), "not a directory");
    String root = "otherfs:" + dir;

    assertThat(Lesson.outputPath(new String[] {root + "/parent/out"}, Lesson.class, withOtherFs()))
        .hasToString(root + "/parent/out");
    assertThatThrownBy(
            () ->
                Lesson.outputPath(
                    new String[] {root + "/parent/a-file"}, Lesson.class, withOtherFs()))
        .hasMessage(
            "Lesson: output directory " + root + "/parent/a-file is a file, not a directory");
    assertThatThrownBy(
            () ->
                Lesson.outputPath(
                    new String[] {root + "/missing/out"}, Lesson.class, withOtherFs()))
        .hasMessage(
            "Lesson: output directory "
                + root
                + "/missing/out: its parent "
                + root
                + "/missing does not "
                + "exist");
  }

  @Test
  void aFileSystemHadoopCannotReachIsAUsageErrorInOneLine() {
    assertThatThrownBy(
            () -> Lesson.outputPath(new String[] {"nofs://host/out"}, Lesson.class, withOtherFs()))
        .isInstanceOf(Lesson.UsageException.class)
        .hasMessageStartingWith("Lesson: output directory nofs://host/out cannot be reached: ")
        .hasMessageContaining("nofs");
  }
}
