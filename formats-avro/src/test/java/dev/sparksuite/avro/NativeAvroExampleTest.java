package dev.sparksuite.avro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.avro.generated.Order;
import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeAvroExampleTest extends SparkTestBase {

  private static final List<Order> ORDERS = NativeAvroExample.orders(500);

  @TempDir Path dir;

  @Test
  void genericAndSpecificWritersAndReadersAgree() {
    Path specific = dir.resolve("specific.avro");
    Path generic = dir.resolve("generic.avro");
    NativeAvroExample.writeSpecific(specific, ORDERS);
    NativeAvroExample.writeGeneric(generic, ORDERS);

    assertThat(NativeAvroExample.readSpecific(specific)).containsExactlyElementsOf(ORDERS);
    assertThat(NativeAvroExample.readGeneric(specific)).containsExactlyElementsOf(ORDERS);
    assertThat(NativeAvroExample.readSpecific(generic)).containsExactlyElementsOf(ORDERS);
    assertThat(AvroFiles.header(specific, "avro.codec")).isEqualTo("deflate");
  }
}
