package dev.sparksuite.orc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparksuite.orc.StripesAndIndexExample.Stripe;
import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StripesAndIndexExample}: stripe size and the row index stride, as the file records them.
 */
class StripesAndIndexExampleTest extends SparkTestBase {

  @TempDir Path dir;

  @Test
  void smallStripesAndTheRowIndexStrideAreInTheFile() {
    var layout = StripesAndIndexExample.writeAndRead(spark, hadoopPath(dir.resolve("striped")));

    assertThat(layout.rowIndexStride()).isEqualTo(StripesAndIndexExample.INDEX_STRIDE);
    assertThat(layout.stripes()).hasSizeGreaterThan(1);
    assertThat(layout.columns()).as("root struct and five columns").isEqualTo(6);
    assertThat(layout.footerStatistics())
        .as("the footer: one file-level entry per column, none per stripe")
        .isEqualTo(layout.columns());
    assertThat(layout.stripeStatistics())
        .as("the metadata section: one entry per stripe")
        .isEqualTo(layout.stripes().size());
    assertThat(layout.metadataBytes()).isPositive();
    assertThat(layout.stripes().stream().mapToLong(Stripe::rows).sum())
        .isEqualTo(StripesAndIndexExample.ROWS);
    assertThat(layout.stripes().get(0).minId()).isZero();
    for (int i = 1; i < layout.stripes().size(); i++) {
      assertThat(layout.stripes().get(i).minId())
          .as("sorted ids: stripe %d starts where %d ended", i, i - 1)
          .isEqualTo(layout.stripes().get(i - 1).maxId() + 1);
    }
  }

  @Test
  void theStripeSizeBoundsCompressedBytesSoACompressedStripeHoldsMoreRows() {
    var zstd = StripesAndIndexExample.writeAndRead(spark, hadoopPath(dir.resolve("zstd")), "zstd");
    var none = StripesAndIndexExample.writeAndRead(spark, hadoopPath(dir.resolve("none")), "none");

    assertThat(zstd.stripes().get(0).rows())
        .as("buffers are compressed as they fill, and the estimate counts what they compressed to")
        .isGreaterThan(none.stripes().get(0).rows());
    assertThat(zstd.stripes()).hasSizeLessThan(none.stripes().size());
  }
}
