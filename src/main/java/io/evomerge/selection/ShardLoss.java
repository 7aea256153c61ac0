package io.evomerge.selection;

import java.io.Serializable;

/**
 * One screening measurement: the mean loss of one adapter alone (alpha = 1, beta = 1, every other
 * beta 0), or of the base model ({@code adapter} = {@link ScreeningPlan#BASE}, every beta 0), on
 * one fitness shard. Immutable.
 *
 * @param adapter index into the repository, or {@link ScreeningPlan#BASE}
 * @param shard index of the fitness shard
 * @param loss mean loss over the shard's examples (finite; lower is better)
 * @param examples how many examples the mean is over (> 0); shards are weighted by it
 */
public record ShardLoss(int adapter, int shard, double loss, int examples) implements Serializable {

  public ShardLoss {
    if (adapter < ScreeningPlan.BASE || shard < 0) {
      throw new IllegalArgumentException("screening score of adapter " + adapter + " on shard " + shard
          + ": the adapter must be >= -1 (the base) and the shard >= 0");
    }
    if (!Double.isFinite(loss) || examples <= 0) {
      throw new IllegalArgumentException("screening score of adapter " + adapter + " on shard " + shard
          + ": loss " + loss + " must be finite, examples " + examples + " must be > 0");
    }
  }

  public Pair pair() {
    return new Pair(adapter, shard);
  }

  /**
   * One call of a screening round: {@code adapter} alone (or the base model) on {@code shard}.
   * Immutable.
   */
  public record Pair(int adapter, int shard) implements Serializable {

    public boolean isBase() {
      return adapter == ScreeningPlan.BASE;
    }
  }
}
