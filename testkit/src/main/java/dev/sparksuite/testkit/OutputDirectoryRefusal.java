package dev.sparksuite.testkit;

import dev.sparksuite.lessonkit.JarIndex;
import dev.sparksuite.lessonkit.Lesson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A lesson given a file as its output directory, through its index entry's {@code teach} as the
 * jar's {@code --all} runs it, in this JVM: what it returned and what it printed on stderr. A
 * lesson refuses the file before Spark starts, in one line that names the lesson.
 */
public record OutputDirectoryRefusal(int exitCode, String stderr) {

  public static OutputDirectoryRefusal of(JarIndex.Entry lesson, Path file) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    int exitCode;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      exitCode = JarIndex.teach(lesson, Lesson.Mode.partOf("output check"), file.toString());
    } finally {
      System.setErr(stderr);
    }
    return new OutputDirectoryRefusal(exitCode, err.toString(StandardCharsets.UTF_8));
  }
}
