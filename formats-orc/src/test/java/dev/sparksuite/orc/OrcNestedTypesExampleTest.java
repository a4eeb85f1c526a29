package dev.sparksuite.orc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.lessonkit.NestedPruning;
import dev.sparksuite.lessonkit.SqlConf;
import dev.sparksuite.testkit.SparkTestBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/** {@link OrcNestedTypesExample}: complex types round-trip, and one struct field is read alone. */
class OrcNestedTypesExampleTest extends SparkTestBase {

  @TempDir Path dir;

  @Test
  void complexTypesRoundTripAndOneStructFieldIsReadAlone() throws Exception {
    var nested = OrcNestedTypesExample.writeAndPrune(spark, hadoopPath(dir.resolve("nested")));

    assertThat(nested.orcSchema())
        .isEqualTo(
            "struct<id:bigint,customer:struct<name:string,city:string>,items:array<bigint>,tags:map<string,string>>");
    Row one = nested.rows().get(1);
    assertThat(one.getStruct(1).getString(0)).isEqualTo("customer 1");
    assertThat(one.getList(2)).containsExactly(10L, 11L);
    assertThat(CollectionConverters.asJava(one.<String, String>getMap(3)))
        .containsExactlyInAnyOrderEntriesOf(Map.of("channel", "web", "priority", "1"));
    assertThat(nested.readSchemaOfCity()).isEqualTo("struct<customer:struct<city:string>>");
  }

  /**
   * The bytes cannot be counted here: orc-core 2.2.1 reads stripes with Hadoop's vectored reads,
   * which the tasks' input metrics do not see on the local file system. What the scan asks orc-core
   * for is in its ReadSchema, and the setting changes it.
   */
  @Test
  void withoutNestedSchemaPruningTheScanAsksForTheWholeStruct() {
    var nested =
        SqlConf.with(
            spark,
            NestedPruning.SETTING,
            false,
            () -> {
              try {
                return OrcNestedTypesExample.writeAndPrune(
                    spark, hadoopPath(dir.resolve("unpruned")));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });

    assertThat(nested.readSchemaOfCity())
        .isEqualTo("struct<customer:struct<name:string,city:string>>");
  }
}
