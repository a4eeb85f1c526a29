package dev.sparksuite.avro;

import static dev.sparksuite.testkit.SparkTestBase.hadoopPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.sparksuite.avro.AvroCompatibilityExample.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AvroCompatibilityExample}: every change read both ways, and the verdicts beside the reads.
 */
class AvroCompatibilityExampleTest {

  @TempDir Path dir;

  @Test
  void eachChangeIsCompatibleInTheDirectionsItsReadsSucceedAndTheVerdictsAgree()
      throws IOException {
    List<Outcome> outcomes = readBothWays();

    assertThat(outcomes)
        .extracting(Outcome::change, Outcome::level)
        .containsExactly(
            tuple("int to long", "backward"),
            tuple("float to double", "backward"),
            tuple("string to bytes", "full"),
            tuple("field added with a default", "full"),
            tuple("field added without a default", "forward"),
            tuple("field dropped", "backward"));
    assertThat(outcomes)
        .as("SchemaCompatibility predicts every read")
        .allSatisfy(
            o ->
                assertThat(o.backward().agrees() && o.forward().agrees())
                    .as(o.toString())
                    .isTrue());
  }

  @Test
  void theReaderPromotesFillsDefaultsAndSkipsDroppedFields() throws IOException {
    List<Outcome> outcomes = readBothWays();

    assertThat(outcomes)
        .extracting(o -> o.backward().result())
        .containsExactly(
            "{n=7 (Long)}",
            "{x=21.5 (Double)}",
            "{s=0x6869 (bytes)}",
            "{id=1 (Integer), unit=\"celsius\" (string)}",
            "AvroTypeException: Found dev.sparksuite.sensors.Reading, expecting dev.sparksuite.sensors.Reading, "
                + "missing required field unit",
            "{id=1 (Integer)}");
    assertThat(outcomes)
        .extracting(o -> o.forward().result())
        .containsExactly(
            "AvroTypeException: Found long, expecting int",
            "AvroTypeException: Found double, expecting float",
            "{s=\"hi\" (string)}",
            "{id=1 (Integer)}",
            "{id=1 (Integer)}",
            "AvroTypeException: Found dev.sparksuite.sensors.Reading, expecting dev.sparksuite.sensors.Reading, "
                + "missing required field sensor");
  }

  private List<Outcome> readBothWays() throws IOException {
    var compatibility = hadoopPath(dir.resolve("compatibility"));
    return AvroCompatibilityExample.readBothWays(
        compatibility.getFileSystem(new Configuration()), compatibility);
  }
}
