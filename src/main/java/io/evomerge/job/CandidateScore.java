package io.evomerge.job;

import io.evomerge.protocol.ExampleResult;
import java.util.ArrayList;
import java.util.List;

/**
 * A candidate's loss over the whole evaluation set, with the per-example results it came from
 * (in shard, then example order; empty for the {@code bmm} dialect). Immutable.
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
    double sessionLossSum = 0;
    for (ShardResult shard : ordered) {
      results.addAll(shard.results());
      sessionLossSum += Double.isNaN(shard.sessionLoss()) ? 0 : shard.sessionLoss();
    }
    double mean = results.isEmpty() ? sessionLossSum / ordered.size() : meanLoss(results);
    return new CandidateScore(mean, results);
  }

  private static double meanLoss(List<ExampleResult> results) {
    double sum = 0;
    for (ExampleResult r : results) {
      sum += r.loss();
    }
    return sum / results.size();
  }
}
