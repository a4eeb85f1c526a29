package dev.sparksuite.orc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sparksuite.orc.SkippingCostsExample.Bloom;
import dev.sparksuite.orc.SkippingCostsExample.Costs;
import dev.sparksuite.orc.SkippingCostsExample.FileCost;
import dev.sparksuite.testkit.SparkTestBase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SkippingCostsExample}: the bytes of the skipping structures and the false-positive rate,
 * measured from the files.
 */
class SkippingCostsExampleTest extends SparkTestBase {

  private static Costs costs;

  @BeforeAll
  static void measure(@TempDir Path dir) throws Exception {
    costs = SkippingCostsExample.measure(spark, hadoopPath(dir));
  }

  @Test
  void theFileIsHeaderIndexStreamsDataStripeFootersAndTail() {
    for (FileCost f : new FileCost[] {costs.loose(), costs.tight()}) {
      assertThat(f.rowGroups()).as("200,000 rows at a stride of 10,000").isEqualTo(20);
      assertThat(
              3
                  + f.rowIndexBytes()
                  + f.bloomBytes()
                  + f.dataBytes()
                  + f.stripeFooterBytes()
                  + f.tailBytes())
          .as("every byte of the file accounted for")
          .isEqualTo(f.fileBytes());
      assertThat(f.tailBytes())
          .as("after the last stripe: the metadata, footer and postscript lengths, and one byte")
          .isEqualTo(f.tailPartsBytes());
      // A row index entry is a few stream positions and min/max per column and row group: tens of
      // bytes,
      // 20 groups x 4 columns, against megabytes of data.
      assertThat(f.rowIndexBytes()).isPositive();
      assertThat(f.rowIndexBytes() * 100)
          .as("row index under 1%% of the data streams")
          .isLessThan(f.dataBytes());
    }
    assertThat(costs.tight().dataBytes())
        .as("the fpp changes the index streams only")
        .isEqualTo(costs.loose().dataBytes());
  }

  @Test
  void eachFilterIsSizedByTheStrideAndTheFppNotByTheData() {
    for (FileCost f : new FileCost[] {costs.loose(), costs.tight()}) {
      int bits = expectedBits(f.fpp());
      int hashes = (int) Math.round((double) bits / SkippingCostsExample.STRIDE * Math.log(2));
      for (Bloom b : new Bloom[] {f.highNdv(), f.lowNdv()}) {
        assertThat(b.bits()).as("%s at fpp %s", b.column(), f.fpp()).isEqualTo(bits);
        assertThat(b.hashFunctions()).as("%s at fpp %s", b.column(), f.fpp()).isEqualTo(hashes);
      }
      // About half of a full filter's bits are set: no codec shrinks that, so the stream is the bit
      // sets plus a few bytes of protobuf framing per filter.
      long bitSets = (long) f.rowGroups() * bits / 8;
      assertThat(f.highNdv().bytes())
          .as("customer_key at fpp %s", f.fpp())
          .isBetween(bitSets, bitSets + 16L * f.rowGroups());
      // Five values set a few dozen bits of tens of thousands: the zeros compress away.
      assertThat(f.lowNdv().bytes() * 100).as("country at fpp %s", f.fpp()).isLessThan(bitSets);
    }
    assertThat(costs.tight().highNdv().bytes())
        .as("lower fpp, more bytes")
        .isGreaterThan(costs.loose().highNdv().bytes());
  }

  @Test
  void theMeasuredFalsePositiveRateIsTheConfiguredOne() {
    for (FileCost f : new FileCost[] {costs.loose(), costs.tight()}) {
      Bloom b = f.highNdv();
      assertThat(b.trials()).isEqualTo((long) SkippingCostsExample.ABSENT_KEYS * f.rowGroups());
      double sigma = Math.sqrt(f.fpp() * (1 - f.fpp()) / b.trials());
      assertThat(b.measuredFpp())
          .as("fpp %s over %,d lookups: within 4 standard deviations", f.fpp(), b.trials())
          .isCloseTo(f.fpp(), within(4 * sigma));
      // With 5 of 10,000 expected entries the chance of a false positive is (1 - e^(-k*5/bits))^k,
      // about 1e-14.
      assertThat(f.lowNdv().falsePositives()).as("country's nearly empty filters").isZero();
    }
    assertThat(costs.tight().highNdv().measuredFpp())
        .isLessThan(costs.loose().highNdv().measuredFpp());
  }

  @Test
  void everyFalsePositiveIsARowGroupSparksScanReads() {
    var lookup = costs.lookup();

    assertThat(lookup.rowGroupsPassed())
        .as("the worst of 1,000 absent keys at fpp 0.05")
        .isPositive();
    assertThat(lookup.matchingRows()).isZero();
    assertThat(lookup.scanRows())
        .as("push-down: only the row groups whose filter let the key through")
        .isEqualTo((long) lookup.rowGroupsPassed() * SkippingCostsExample.STRIDE);
  }

  /** orc-core's formula: -n ln p / (ln 2)^2 bits, cut to an int, then the next multiple of 64. */
  private static int expectedBits(double fpp) {
    int bits = (int) (-SkippingCostsExample.STRIDE * Math.log(fpp) / (Math.log(2) * Math.log(2)));
    return bits + (64 - bits % 64);
  }
}
