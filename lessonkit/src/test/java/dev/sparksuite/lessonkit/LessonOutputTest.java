package dev.sparksuite.lessonkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output-directory argument: a local path is checked on the local disk, a path with a scheme on
 * its own Hadoop file system. {@code otherfs://} stands in for HDFS: the local disk under another
 * scheme, so its answers come from Hadoop's {@code FileSystem}, not from {@code java.nio}.
 */
class LessonOutputTest {

  /** The local disk under another scheme: Hadoop makes one per scheme, by class name. */
  private abstract static class LocalDiskAs extends RawLocalFileSystem {
    private final String scheme;

    LocalDiskAs(String scheme) {
      this.scheme = scheme;
    }

    @Override
    public URI getUri() {
      return URI.create(scheme + ":///");
    }

    @Override
    public String getScheme() {
      return scheme;
    }
  }

  /** The local disk under the scheme {@code otherfs}. */
  public static final class OtherFileSystem extends LocalDiskAs {
    public OtherFileSystem() {
      super("otherfs");
    }
  }

  /** The local disk under the scheme {@code cachedfs}, whose instances Hadoop caches. */
  public static final class CachedFileSystem extends LocalDiskAs {
    public CachedFileSystem() {
      super("cachedfs");
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
  void aFileUriAndAPathWithoutSchemeAreTheSameLocalDirectory() {
    Path out = dir.resolve("out");
    assertThat(
            Lesson.outputPath(new String[] {out.toUri().toString()}, Lesson.class, withOtherFs())
                .toUri())
        .isEqualTo(out.toUri());
    assertThat(
            Lesson.outputPath(new String[] {out.toString()}, Lesson.class, withOtherFs()).toUri())
        .isEqualTo(out.toUri());
  }

  @Test
  void anExistingLocalDirectoryKeepsItsName() throws IOException {
    Path out = Files.createDirectories(dir.resolve("out"));
    assertThat(Lesson.outputPath(new String[] {out.toString()}, Lesson.class, withOtherFs()))
        .as("no trailing slash, so children and names resolve as for a new directory")
        .hasToString("file:" + out)
        .extracting(org.apache.hadoop.fs.Path::getName)
        .isEqualTo("out");
  }

  @Test
  void aLocalDirectoryIsCheckedOnTheLocalDisk() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    assertThatThrownBy(
            () -> Lesson.outputPath(new String[] {file.toString()}, Lesson.class, withOtherFs()))
        .isInstanceOf(Lesson.UsageException.class)
        .hasMessage("Lesson: output directory " + file + " is a file, not a directory");
    assertThatThrownBy(
            () ->
                Lesson.outputPath(
                    new String[] {dir.resolve("missing/out").toString()},
                    Lesson.class,
                    withOtherFs()))
        .isInstanceOf(Lesson.UsageException.class)
        .hasMessage(
            "Lesson: output directory "
                + dir.resolve("missing/out")
                + ": its parent "
                + dir.resolve("missing")
                + " does not exist");
  }

  @Test
  void noArgumentIsTheUsageLine() {
    assertThatThrownBy(() -> Lesson.outputPath(new String[0], Lesson.class, withOtherFs()))
        .isInstanceOf(Lesson.UsageException.class)
        .hasMessageStartingWith("usage: spark-submit --class dev.sparksuite.lessonkit.Lesson ")
        .hasMessageEndingWith(" <output-dir>");
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

  /**
   * Hadoop caches one {@code FileSystem} per scheme, authority and user, with the configuration it
   * was first made with: if the check left its instance in the cache, the lesson would later get it
   * through Spark, without Spark's Hadoop settings ({@code spark.hadoop.*}).
   */
  @Test
  void theCheckLeavesNoFileSystemInTheCacheForTheLessonToInherit() throws IOException {
    Files.createDirectories(dir.resolve("parent"));
    Configuration check = new Configuration(false);
    check.set("fs.cachedfs.impl", CachedFileSystem.class.getName());
    Lesson.outputPath(new String[] {"cachedfs:" + dir + "/parent/out"}, Lesson.class, check);

    Configuration spark = new Configuration(check);
    spark.set("sparksuite.test.setting", "from Spark");
    try (FileSystem fs = new org.apache.hadoop.fs.Path("cachedfs:" + dir).getFileSystem(spark)) {
      assertThat(fs.getConf().get("sparksuite.test.setting"))
          .as("the file system the lesson gets carries the session's settings")
          .isEqualTo("from Spark");
    }
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
