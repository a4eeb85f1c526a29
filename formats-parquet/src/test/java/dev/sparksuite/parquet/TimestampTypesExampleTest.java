package dev.sparksuite.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.parquet.TimestampTypesExample.Written;
import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TimestampTypesExample}: INT96 timestamps carry no statistics, so only the microsecond
 * column lets a time filter skip.
 */
class TimestampTypesExampleTest extends SparkTestBase {

  @TempDir Path dir;

  @Test
  void int96TimestampsHaveNoStatisticsSoATimeFilterSkipsNothingWhileMicrosSkips() throws Exception {
    Map<String, Written> byType =
        TimestampTypesExample.compare(spark, hadoopPath(dir)).stream()
            .collect(Collectors.toMap(Written::outputTimestampType, w -> w));
    long rowsPerRowGroup = TimestampTypesExample.ROWS_PER_ROW_GROUP;

    Written int96 = byType.get("INT96");
    assertThat(int96.ts().parquetType()).isEqualTo("INT96");
    assertThat(int96.ts().rowGroups()).isGreaterThan(1);
    assertThat(int96.ts().rowGroupsWithMinMax())
        .as("parquet-java writes no min/max for INT96, in any row group")
        .isZero();
    assertThat(int96.ts().scanRowsForOneHour())
        .as("nothing to skip by")
        .isEqualTo(TimestampTypesExample.ROWS);

    Written micros = byType.get("TIMESTAMP_MICROS");
    assertThat(micros.ts().parquetType()).isEqualTo("INT64 TIMESTAMP(MICROS,true)");
    assertThat(micros.ts().rowGroupsWithMinMax()).isEqualTo(micros.ts().rowGroups());
    assertThat(micros.ts().scanRowsForOneHour())
        .as("one hour lies inside one page of at most 20,000 rows")
        .isBetween(TimestampTypesExample.FILTER_ROWS, 20_000L);
    assertThat(byType.get("TIMESTAMP_MILLIS").ts().parquetType())
        .isEqualTo("INT64 TIMESTAMP(MILLIS,true)");
    assertThat(byType.get("TIMESTAMP_MILLIS").ts().scanRowsForOneHour())
        .isLessThanOrEqualTo(rowsPerRowGroup);

    for (Written w : byType.values()) {
      assertThat(w.matchingRows()).isEqualTo(TimestampTypesExample.FILTER_ROWS);
      assertThat(w.tsNtz().parquetType())
          .as("TIMESTAMP_NTZ ignores outputTimestampType")
          .isEqualTo("INT64 TIMESTAMP(MICROS,false)");
      assertThat(w.tsNtz().rowGroupsWithMinMax()).isEqualTo(w.tsNtz().rowGroups());
      assertThat(w.tsNtz().scanRowsForOneHour())
          .as("Spark 4.1.1 pushes no filter on TIMESTAMP_NTZ to Parquet")
          .isEqualTo(TimestampTypesExample.ROWS);
    }
  }
}
