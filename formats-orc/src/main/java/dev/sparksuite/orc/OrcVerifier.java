package dev.sparksuite.orc;

import dev.sparksuite.lessonkit.Errors;
import dev.sparksuite.lessonkit.InspectionException;
import dev.sparksuite.lessonkit.InspectionReport.Verification;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ListColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.MapColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.StructColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.ColumnStatistics;
import org.apache.orc.Reader;
import org.apache.orc.RecordReader;
import org.apache.orc.StripeInformation;
import org.apache.orc.TypeDescription;

/**
 * {@code --verify} for ORC: decodes every stream of every stripe into row batches, counts the rows
 * and, per column, the values that are not null, and compares them with the file footer's row count
 * and each column's statistics (its number of values). Decoding follows the stripe directory; the
 * statistics were counted by the writer as it wrote: a stream that decodes to the wrong number of
 * values shows as a mismatch even when it decodes without error.
 */
final class OrcVerifier {

  private OrcVerifier() {}

  static Verification verify(FileSystem fs, FileStatus file)
      throws IOException, InspectionException {
    try (Reader reader = OrcFileReport.open(fs, file)) {
      TypeDescription schema = reader.getSchema();
      long[] values = new long[schema.getMaximumId() + 1];
      boolean[] counted = new boolean[values.length];
      long rows = 0;
      VectorizedRowBatch batch = schema.createRowBatch();
      try (RecordReader records = reader.rows()) {
        while (records.nextBatch(batch)) {
          counted[0] = true;
          values[0] += batch.size;
          List<TypeDescription> fields = schema.getChildren();
          for (int f = 0; f < batch.cols.length && f < fields.size(); f++) {
            count(batch.cols[f], fields.get(f), 0, batch.size, values, counted);
          }
          rows += batch.size;
        }
      } catch (IOException | RuntimeException e) {
        throw new InspectionException(
            "corrupt: stripe " + stripeAt(reader.getStripes(), rows) + ": " + rootMessage(e), e);
      }
      if (rows != reader.getNumberOfRows()) {
        throw new InspectionException(
            String.format(
                "corrupt: the footer says %,d rows, %,d were decoded",
                reader.getNumberOfRows(), rows));
      }
      ColumnStatistics[] statistics = reader.getStatistics();
      int compared = 0;
      for (int id = 1; id < values.length && id < statistics.length; id++) {
        if (counted[id]) {
          compared++;
          if (values[id] != statistics[id].getNumberOfValues()) {
            throw new InspectionException(
                String.format(
                    "corrupt: column %s: its statistics count %,d values, %,d were decoded",
                    schema.findSubtype(id).getFullFieldName(),
                    statistics[id].getNumberOfValues(),
                    values[id]));
          }
        }
      }
      return new Verification(
          rows,
          String.format("values that are not null match the statistics of %d column(s)", compared));
    }
  }

  /** Adds up the non-null values of rows [start, start + length) of a vector and its children. */
  private static void count(
      ColumnVector vector,
      TypeDescription type,
      int start,
      int length,
      long[] values,
      boolean[] counted) {
    counted[type.getId()] = true;
    for (int row = start; row < start + length; row++) {
      int at = vector.isRepeating ? 0 : row;
      if (!vector.noNulls && vector.isNull[at]) {
        continue;
      }
      values[type.getId()]++;
      if (vector instanceof ListColumnVector list) {
        count(
            list.child,
            type.getChildren().get(0),
            (int) list.offsets[at],
            (int) list.lengths[at],
            values,
            counted);
      } else if (vector instanceof MapColumnVector map) {
        count(
            map.keys,
            type.getChildren().get(0),
            (int) map.offsets[at],
            (int) map.lengths[at],
            values,
            counted);
        count(
            map.values,
            type.getChildren().get(1),
            (int) map.offsets[at],
            (int) map.lengths[at],
            values,
            counted);
      }
    }
    // A struct's fields hold one entry per row of the struct, null where the struct is null.
    if (vector instanceof StructColumnVector struct) {
      for (int f = 0; f < struct.fields.length; f++) {
        count(struct.fields[f], type.getChildren().get(f), start, length, values, counted);
      }
    }
  }

  private static int stripeAt(List<StripeInformation> stripes, long row) {
    long end = 0;
    for (int i = 0; i < stripes.size(); i++) {
      end += stripes.get(i).getNumberOfRows();
      if (row < end) {
        return i;
      }
    }
    return stripes.size() - 1;
  }

  /** The innermost cause, in one line: orc-core wraps it in "Error reading file: <path>". */
  static String rootMessage(Exception e) {
    Throwable root = Errors.rootCause(e);
    String message =
        root.getClass().getSimpleName()
            + (root.getMessage() == null ? "" : ": " + root.getMessage());
    return message.lines().findFirst().orElse(message);
  }
}
