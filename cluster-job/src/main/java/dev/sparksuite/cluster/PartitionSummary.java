package dev.sparksuite.cluster;

import java.io.Serializable;

/**
 * What one task of the RDD stage saw: which partition it processed, on which executor and host,
 * and that partition's per-category partial sums (the map-side combine of the stage).
 */
public record PartitionSummary(
    int partition, String executorId, String host, long records, long[] categoryRecords,
    long[] categoryQuantity)
    implements Serializable {}
