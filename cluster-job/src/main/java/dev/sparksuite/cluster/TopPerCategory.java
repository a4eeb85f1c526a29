package dev.sparksuite.cluster;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The N best records per category seen so far, by amount (ties: higher id first), kept without
 * sorting: each record is an insertion into N slots, a comparison or two.
 */
public final class TopPerCategory {

  private final int topN;
  private final long[][] amounts;
  private final long[][] ids;
  private final int[] kept = new int[Records.CATEGORIES];

  public TopPerCategory(int topN) {
    this.topN = topN;
    this.amounts = new long[Records.CATEGORIES][topN];
    this.ids = new long[Records.CATEGORIES][topN];
  }

  public void offer(long id, int category, long amount) {
    long[] a = amounts[category];
    long[] i = ids[category];
    int pos = kept[category];
    while (pos > 0 && (a[pos - 1] < amount || (a[pos - 1] == amount && i[pos - 1] < id))) {
      pos--;
    }
    if (pos == topN) {
      return;
    }
    for (int k = Math.min(kept[category], topN - 1); k > pos; k--) {
      a[k] = a[k - 1];
      i[k] = i[k - 1];
    }
    a[pos] = amount;
    i[pos] = id;
    kept[category] = Math.min(kept[category] + 1, topN);
  }

  /** The kept records as rows of (id, category, amount), category by category. */
  public List<Row> rows() {
    List<Row> best = new ArrayList<>();
    for (int c = 0; c < Records.CATEGORIES; c++) {
      for (int k = 0; k < kept[c]; k++) {
        best.add(RowFactory.create(ids[c][k], c, amounts[c][k]));
      }
    }
    return best;
  }
}
