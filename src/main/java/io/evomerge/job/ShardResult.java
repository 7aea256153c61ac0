package io.evomerge.job;

import io.evomerge.protocol.ExampleResult;
import java.io.Serializable;
import java.util.Comparator;
import java.util.List;

/**
 * What an executor returns for one task: the per-example results of one candidate on one shard
 * (dialect {@code evomerge}), or the session loss of one candidate (dialect {@code bmm}, where
 * {@code shard} is 0 and {@code results} is empty). Immutable.
 */
public record ShardResult(int candidate, int shard, List<ExampleResult> results, double sessionLoss)
    implements Serializable {

  /** The order every reduction uses: by candidate, then by shard. */
  public static final Comparator<ShardResult> ORDER =
      Comparator.comparingInt(ShardResult::candidate).thenComparingInt(ShardResult::shard);

  public ShardResult {
    results = List.copyOf(results);
  }

  public static ShardResult ofExamples(int candidate, int shard, List<ExampleResult> results) {
    return new ShardResult(candidate, shard, results, Double.NaN);
  }

  public static ShardResult ofSession(int candidate, double loss) {
    return new ShardResult(candidate, 0, List.of(), loss);
  }
}
