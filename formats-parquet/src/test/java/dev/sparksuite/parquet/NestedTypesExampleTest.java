package dev.sparksuite.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/** {@link NestedTypesExample}: nested types round-trip and one struct field is read alone. */
class NestedTypesExampleTest extends SparkTestBase {

  @TempDir Path dir;

  @Test
  void nestedTypesRoundTripAndOneStructFieldIsReadAlone() throws Exception {
    var nested = NestedTypesExample.writeAndPrune(spark, hadoopPath(dir.resolve("nested")));

    assertThat(nested.leafColumns())
        .containsExactly(
            "id",
            "customer.name",
            "customer.city",
            "items.list.element",
            "tags.key_value.key",
            "tags.key_value.value");
    assertThat(nested.schema())
        .isEqualTo(
            "struct<id:bigint,customer:struct<name:string,city:string>,items:array<bigint>,tags:map<string,string>>");
    Row first = nested.rows().get(1);
    assertThat(first.getLong(0)).isEqualTo(1);
    assertThat(first.getStruct(1).getString(0)).isEqualTo("customer 1");
    assertThat(first.getList(2)).containsExactly(10L, 11L);
    assertThat(CollectionConverters.asJava(first.<String, String>getMap(3)))
        .containsExactlyInAnyOrderEntriesOf(Map.of("channel", "web", "priority", "1"));
    assertThat(nested.readSchemaOfCity()).isEqualTo("struct<customer:struct<city:string>>");
    assertThat(nested.rows()).hasSize(3);
    assertThat(nested.pruning().withPruning())
        .as(
            "the city leaf alone, against the whole struct with its long names: %s",
            nested.pruning())
        .isLessThan(nested.pruning().withoutPruning() / 10);
  }
}
