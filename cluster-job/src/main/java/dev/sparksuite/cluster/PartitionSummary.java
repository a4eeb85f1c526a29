package dev.sparksuite.cluster;

import java.io.Serializable;

/**
 * What one map task of the RDD stage reported: which partition it processed, on which executor and
 * host (as the executor names itself), and how many records the partition held.
 */
public record PartitionSummary(int partition, String executorId, String host, long records)
    implements Serializable {}
