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
   * Groups results (any order) by candidate and reduces each in {@link ShardResult#ORDER}; fails
   * if a (candidate, shard) pair is missing or doubled. The sums run in that fixed order, so the
   * means do not depend on how tasks were partitioned, scheduled or retried.
   */
  public static List<CandidateScore> reduce(List<ShardResult> results, int candidates, int shards) {
    List<ShardResult> ordered = new ArrayList<>(results);
    ordered.sort(ShardResult.ORDER);
    if (ordered.size() != (long) candidates * shards) {
      throw new IllegalStateException(
          "expected " + candidates * shards + " shard results, got " + ordered.size());
    }
    List<CandidateScore> scores = new ArrayList<>(candidates);
    for (int c = 0; c < candidates; c++) {
      List<ExampleResult> examples = new ArrayList<>();
      double sum = 0;
      long count = 0;
      double sessionLossSum = 0;
      for (int s = 0; s < shards; s++) {
        ShardResult shard = ordered.get(c * shards + s);
        if (shard.candidate() != c || shard.shard() != s) {
          throw new IllegalStateException("missing result for candidate " + c + ", shard " + s);
        }
        examples.addAll(shard.results());
        for (double loss : shard.losses()) {
          sum += loss;
        }
        count += shard.losses().length;
        sessionLossSum += Double.isNaN(shard.sessionLoss()) ? 0 : shard.sessionLoss();
      }
      scores.add(new CandidateScore(count == 0 ? sessionLossSum / shards : sum / count, examples));
    }
    return scores;
  }
}
