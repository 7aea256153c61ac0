package io.evomerge.job;

import io.evomerge.protocol.ExampleResult;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What an executor returns for one task: one candidate's per-example losses on one shard, with the
 * results where the set keeps them, or (bmm: shard 0, no losses) its session loss. Immutable.
 */
public record ShardResult(int candidate, int shard, double[] losses, List<ExampleResult> results, double sessionLoss)
    implements Serializable {

  /** The order every reduction uses: by candidate, then by shard. */
  public static final Comparator<ShardResult> ORDER =
      Comparator.comparingInt(ShardResult::candidate).thenComparingInt(ShardResult::shard);

  public ShardResult {
    losses = losses.clone();
    results = List.copyOf(results);
  }

  /** The losses of {@code results}, and the results themselves only {@code withResults}. */
  public static ShardResult ofExamples(int candidate, int shard, List<ExampleResult> results, boolean withResults) {
    double[] losses = results.stream().mapToDouble(ExampleResult::loss).toArray();
    return new ShardResult(candidate, shard, losses, withResults ? results : List.of(), Double.NaN);
  }

  public static ShardResult ofSession(int candidate, double loss) {
    return new ShardResult(candidate, 0, new double[0], List.of(), loss);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ShardResult r && candidate == r.candidate && shard == r.shard
        && Arrays.equals(losses, r.losses) && results.equals(r.results)
        && Double.compare(sessionLoss, r.sessionLoss) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(candidate, shard, Arrays.hashCode(losses), results, sessionLoss);
  }
}
