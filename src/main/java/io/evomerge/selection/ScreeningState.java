package io.evomerge.selection;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a screening has measured so far: a plain value that round-trips through JSON, so a
 * checkpoint holds it as it is and a restarted job resumes from it ({@link ScreeningPlan#round}
 * returns the pairs still missing). Scores are kept sorted by adapter, then shard, so equal
 * contents give equal JSON. Immutable.
 *
 * @param plan the {@link ScreeningPlan#key()} of the plan it belongs to
 * @param scores every measurement, one per (adapter, shard) pair
 */
public record ScreeningState(String plan, List<ShardLoss> scores) implements Serializable {

  public ScreeningState {
    Objects.requireNonNull(plan, "plan");
    List<ShardLoss> sorted = new ArrayList<>(scores == null ? List.of() : scores);
    sorted.sort(Comparator.comparingInt(ShardLoss::adapter).thenComparingInt(ShardLoss::shard));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).pair().equals(sorted.get(i - 1).pair())) {
        throw new IllegalArgumentException("screening: adapter " + sorted.get(i).adapter() + " on shard "
            + sorted.get(i).shard() + " is scored twice");
      }
    }
    scores = List.copyOf(sorted);
  }

  public static ScreeningState start(ScreeningPlan plan) {
    return new ScreeningState(plan.key(), List.of());
  }

  /** This state with {@code more} measurements; a pair measured twice is an error. */
  public ScreeningState withScores(Collection<ShardLoss> more) {
    List<ShardLoss> all = new ArrayList<>(scores);
    all.addAll(more);
    return new ScreeningState(plan, all);
  }

  /**
   * Every screened adapter (the base model left out), best first: those scored on more shards
   * (they survived more rounds) first, then by mean loss (which, on the same shards, is the order of
   * the loss against the base model), then by adapter index.
   */
  public List<AdapterScreening> ranking() {
    Map<Integer, Double> base = new LinkedHashMap<>();
    scores.stream().filter(s -> s.adapter() == ScreeningPlan.BASE).forEach(s -> base.put(s.shard(), s.loss()));
    Map<Integer, List<ShardLoss>> byAdapter = new LinkedHashMap<>();
    scores.stream().filter(s -> s.adapter() != ScreeningPlan.BASE)
        .forEach(s -> byAdapter.computeIfAbsent(s.adapter(), k -> new ArrayList<>()).add(s));
    List<AdapterScreening> out = new ArrayList<>();
    byAdapter.forEach((adapter, own) -> out.add(summary(adapter, own, base)));
    out.sort(Comparator.comparingInt(AdapterScreening::shards).reversed()
        .thenComparingDouble(AdapterScreening::loss).thenComparingInt(AdapterScreening::adapter));
    return out;
  }

  private static AdapterScreening summary(int adapter, List<ShardLoss> own, Map<Integer, Double> base) {
    double sum = 0;
    double baseSum = 0;
    int examples = 0;
    for (ShardLoss s : own) {
      sum += s.loss() * s.examples();
      baseSum += base.getOrDefault(s.shard(), Double.NaN) * s.examples();
      examples += s.examples();
    }
    return new AdapterScreening(adapter, own.size(), examples, sum / examples, baseSum / examples);
  }

  Map<ShardLoss.Pair, ShardLoss> index() {
    Map<ShardLoss.Pair, ShardLoss> out = new LinkedHashMap<>();
    scores.forEach(s -> out.put(s.pair(), s));
    return out;
  }
}
