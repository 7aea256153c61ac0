package io.evomerge.job;

import io.evomerge.protocol.ExampleResult;
import java.util.ArrayList;
import java.util.List;

/**
 * A candidate's loss over the whole evaluation set, with the per-example results it came from
 * (in shard, then example order; empty for the {@code bmm} dialect and for a set that keeps only
 * the losses). Immutable.
 */
public record CandidateScore(double meanLoss, List<ExampleResult> results) {

  public CandidateScore {
    results = List.copyOf(results);
  }

  /**
   * Reduces the shard results of one candidate, which must be in {@link ShardResult#ORDER}. The
   * sums run in that fixed order, so the mean does not depend on how tasks were partitioned,
   * scheduled or retried.
   */
  static CandidateScore reduce(List<ShardResult> ordered) {
    List<ExampleResult> results = new ArrayList<>();
    double sum = 0;
    long count = 0;
    double sessionLossSum = 0;
    for (ShardResult shard : ordered) {
      results.addAll(shard.results());
      for (double loss : shard.losses()) {
        sum += loss;
      }
      count += shard.losses().length;
      sessionLossSum += Double.isNaN(shard.sessionLoss()) ? 0 : shard.sessionLoss();
    }
    return new CandidateScore(count == 0 ? sessionLossSum / ordered.size() : sum / count, results);
  }
}
