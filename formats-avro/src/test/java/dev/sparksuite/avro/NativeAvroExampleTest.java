package dev.sparksuite.avro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.avro.generated.Order;
import dev.sparksuite.lessonkit.Lesson;
import dev.sparksuite.testkit.SparkTestBase;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeAvroExampleTest extends SparkTestBase {

  private static final List<Order> ORDERS = NativeAvroExample.orders(500);

  @TempDir java.nio.file.Path dir;

  @Test
  void genericAndSpecificWritersAndReadersAgree() throws Exception {
    Path specific = hadoopPath(dir.resolve("specific.avro"));
    Path generic = hadoopPath(dir.resolve("generic.avro"));
    FileSystem fs = Lesson.fileSystem(spark, specific);
    NativeAvroExample.writeSpecific(fs, specific, ORDERS);
    NativeAvroExample.writeGeneric(fs, generic, ORDERS);

    assertThat(NativeAvroExample.readSpecific(fs, specific)).containsExactlyElementsOf(ORDERS);
    assertThat(NativeAvroExample.readGeneric(fs, specific)).containsExactlyElementsOf(ORDERS);
    assertThat(NativeAvroExample.readSpecific(fs, generic)).containsExactlyElementsOf(ORDERS);
    assertThat(AvroFiles.header(fs, specific, "avro.codec")).isEqualTo("deflate");
  }
}
