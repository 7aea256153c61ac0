package io.evomerge.train;

/**
 * One line of the training summary: an adapter and its own task. Immutable.
 *
 * @param adapter adapter id (= source task id)
 * @param baseDevAccuracy zero-shot base model accuracy on the task's dev split
 * @param trainAccuracy the adapter's accuracy on its training split
 * @param devAccuracy the adapter's accuracy on its dev split
 * @param devLoss the adapter's mean cross-entropy on its dev split
 * @param bestEpoch the epoch whose weights were kept
 */
public record AdapterRow(String adapter, String family, String labels, int trainSize, int devSize,
    double baseDevAccuracy, double trainAccuracy, double devAccuracy, double devLoss, int epochsRun,
    int bestEpoch) {}
