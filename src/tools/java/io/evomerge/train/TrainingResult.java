package io.evomerge.train;

import io.evomerge.adapter.LoraAdapter;
import java.util.Objects;

/**
 * A trained adapter and how training went. Immutable.
 *
 * @param adapter the adapter with the best dev loss (or the last one without a dev set)
 * @param bestEpoch the epoch (1-based) whose weights were kept
 * @param trainLoss mean training cross-entropy of the kept weights
 * @param trainAccuracy training accuracy of the kept weights
 * @param devLoss mean dev cross-entropy of the kept weights (NaN without a dev set)
 * @param devAccuracy dev accuracy of the kept weights (NaN without a dev set)
 */
public record TrainingResult(LoraAdapter adapter, int epochsRun, int bestEpoch, double trainLoss,
    double trainAccuracy, double devLoss, double devAccuracy) {

  public TrainingResult {
    Objects.requireNonNull(adapter, "adapter");
  }
}
