package io.evomerge.selection;

import io.evomerge.config.SelectionSettings;
import io.evomerge.merge.ControlVectors;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The screening of adapters as successive halving, planned in full before the first call. Every
 * adapter that is not pinned is scored alone (alpha = 1, beta = 1, every other beta 0) on the
 * first {@code initialShards} fitness shards, and the base model (every beta 0) on the same
 * shards. Each next round keeps the better {@code keepFraction} of the previous round's adapters
 * (never fewer than {@code topK}), by their mean loss over every shard they have seen, ties by
 * adapter index, and scores them on further shards, so that survivors have seen about {@code 1 /
 * keepFraction} times as many shards as before. It stops when the next cut would reach {@code topK}
 * or when the shards run out. The selection is the top K of the last round plus the pinned ones.
 *
 * <p>Each round's size and shards ({@link #stages}) do not depend on the losses, so its calls are
 * known in advance; which adapters it scores comes from the rounds before ({@link #round}). A
 * screening is a function of the settings, the ids, the shard count and the scores: deterministic
 * and resumable from its {@link ScreeningState}. Pure (no I/O); immutable and thread-safe.
 */
public final class ScreeningPlan implements Serializable {

  public static final int BASE = -1;

  private final SelectionSettings settings;
  private final List<String> adapterIds;
  private final int shardCount;
  private final int[] pinned;
  private final int[] candidates;
  private final List<Stage> stages;

  /**
   * One round, fixed in advance: how many adapters it scores and on which shards.
   *
   * @param adapters adapters scored (the base model comes on top)
   * @param fromShard first new shard
   * @param toShard one past the last new shard; after the round its adapters have seen shards
   *     {@code 0..toShard-1}
   */
  public record Stage(int adapters, int fromShard, int toShard) implements Serializable {

    public long calls() {
      return (long) (adapters + 1) * (toShard - fromShard);
    }
  }

  /**
   * The pairs of round {@code index} still to be scored, ascending by shard then adapter (the base
   * model first); empty once the screening is done ({@code index} is then {@link #rounds()}).
   */
  public record Round(int index, List<ShardLoss.Pair> pairs) implements Serializable {

    public Round {
      pairs = List.copyOf(pairs);
    }

    public boolean isEmpty() {
      return pairs.isEmpty();
    }
  }

  private ScreeningPlan(SelectionSettings settings, List<String> adapterIds, int shardCount) {
    this.settings = settings;
    this.adapterIds = List.copyOf(adapterIds);
    this.shardCount = shardCount;
    this.pinned = pinnedIndices(settings, this.adapterIds);
    this.candidates = IntStream.range(0, adapterIds.size()).filter(i -> Arrays.binarySearch(pinned, i) < 0).toArray();
    this.stages = schedule(settings, candidates.length, shardCount);
  }

  /**
   * The screening of the adapters {@code adapterIds} (the repository, in the order of every control
   * vector) over {@code shardCount} fitness shards.
   */
  public static ScreeningPlan of(SelectionSettings settings, List<String> adapterIds, int shardCount) {
    if (shardCount < 1) {
      throw new IllegalArgumentException("screening needs at least one fitness shard, got " + shardCount);
    }
    if (adapterIds.isEmpty() || new HashSet<>(adapterIds).size() != adapterIds.size()) {
      throw new IllegalArgumentException("screening needs a repository of distinct adapter ids, got "
          + adapterIds.size() + " ids");
    }
    return new ScreeningPlan(settings, adapterIds, shardCount);
  }

  private static int[] pinnedIndices(SelectionSettings settings, List<String> ids) {
    return settings.pinned().stream().mapToInt(id -> {
      if (!ids.contains(id)) {
        throw new IllegalArgumentException("pinned: '" + id + "' is not an adapter of the repository ("
            + ids.size() + " adapters, e.g. " + String.join(", ", ids.subList(0, Math.min(5, ids.size()))) + ")");
      }
      return ids.indexOf(id);
    }).sorted().toArray();
  }

  private static List<Stage> schedule(SelectionSettings settings, int candidates, int shardCount) {
    List<Stage> out = new ArrayList<>();
    int k = settings.topK();
    if (!settings.screens() || candidates <= k) {
      return out;
    }
    int adapters = candidates;
    int shards = Math.min(settings.initialShards(), shardCount);
    out.add(new Stage(adapters, 0, shards));
    while (true) {
      int kept = Math.max(k, (int) Math.ceil(adapters * settings.keepFraction()));
      if (kept <= k || shards == shardCount) {
        return out;
      }
      int more = Math.min(shardCount, Math.max(shards + 1, (int) Math.ceil(shards / settings.keepFraction())));
      out.add(new Stage(kept, shards, more));
      adapters = kept;
      shards = more;
    }
  }

  public List<Stage> stages() {
    return stages;
  }

  public int rounds() {
    return stages.size();
  }

  public long totalCalls() {
    return stages.stream().mapToLong(Stage::calls).sum();
  }

  public long examplesOfRound(int r, int[] shardSizes) {
    Stage s = stages.get(r);
    long perAdapter = IntStream.range(s.fromShard(), s.toShard()).mapToLong(i -> shardSizes[i]).sum();
    return (s.adapters() + 1) * perAdapter;
  }

  public int[] pinned() {
    return pinned.clone();
  }

  public int[] candidates() {
    return candidates.clone();
  }

  /**
   * A text naming this plan (settings, repository and shard count); a state of another plan is
   * refused, so a checkpoint made under other settings is never resumed by mistake.
   */
  public String key() {
    return String.format(Locale.ROOT, "screening/topK=%d,pinned=%s,initialShards=%d,keepFraction=%s,"
        + "adapters=%d:%08x,shards=%d", settings.topK(), settings.pinned(), settings.initialShards(),
        settings.keepFraction(), adapterIds.size(), adapterIds.hashCode(), shardCount);
  }

  public Round round(ScreeningState state) {
    check(state);
    Map<ShardLoss.Pair, ShardLoss> index = state.index();
    for (int r = 0; r < stages.size(); r++) {
      Stage stage = stages.get(r);
      int[] adapters = scoredIn(r, index);
      List<ShardLoss.Pair> missing = IntStream.range(stage.fromShard(), stage.toShard()).boxed()
          .flatMap(shard -> IntStream.concat(IntStream.of(BASE), IntStream.of(adapters))
              .mapToObj(adapter -> new ShardLoss.Pair(adapter, shard)))
          .filter(pair -> !index.containsKey(pair)).toList();
      if (!missing.isEmpty()) {
        return new Round(r, missing);
      }
    }
    return new Round(stages.size(), List.of());
  }

  /**
   * The control vectors of {@code pair} over the repository: the adapter alone (alpha = 1 and beta =
   * 1 for it, beta = 0 for every other), or the base model (every alpha and beta 0).
   */
  public ControlVectors vectors(ShardLoss.Pair pair) {
    int n = adapterIds.size();
    double[] alpha = new double[n];
    double[] beta = new double[n];
    if (!pair.isBase()) {
      alpha[pair.adapter()] = 1;
      beta[pair.adapter()] = 1;
    }
    return ControlVectors.of(alpha, beta);
  }

  public boolean isDone(ScreeningState state) {
    return round(state).isEmpty();
  }

  /**
   * The adapters the search goes over, ascending: every adapter when nothing is screened, else the
   * top K of the screening plus the pinned ones. The screening must be done.
   */
  public int[] selection(ScreeningState state) {
    if (stages.isEmpty()) {
      return IntStream.range(0, adapterIds.size()).toArray();
    }
    Round next = round(state);
    if (!next.isEmpty()) {
      throw new IllegalStateException("screening is not done: round " + next.index() + " has "
          + next.pairs().size() + " pairs to score");
    }
    Map<ShardLoss.Pair, ShardLoss> index = state.index();
    int last = stages.size() - 1;
    int[] top = best(scoredIn(last, index), settings.topK(), stages.get(last).toShard(), index);
    return IntStream.concat(IntStream.of(top), IntStream.of(pinned)).sorted().distinct().toArray();
  }

  /** The adapters round {@code r} scores: the survivors of the rounds before it. */
  private int[] scoredIn(int r, Map<ShardLoss.Pair, ShardLoss> index) {
    int[] adapters = candidates;
    for (int i = 1; i <= r; i++) {
      adapters = best(adapters, stages.get(i).adapters(), stages.get(i - 1).toShard(), index);
    }
    return adapters;
  }

  /** The {@code keep} of {@code adapters} with the lowest mean loss on shards 0..shards-1, ties by index. */
  private static int[] best(int[] adapters, int keep, int shards, Map<ShardLoss.Pair, ShardLoss> index) {
    double[] loss = new double[adapters.length];
    Integer[] order = new Integer[adapters.length];
    for (int j = 0; j < adapters.length; j++) {
      double sum = 0;
      long examples = 0;
      for (int shard = 0; shard < shards; shard++) {
        ShardLoss s = index.get(new ShardLoss.Pair(adapters[j], shard));
        sum += s.loss() * s.examples();
        examples += s.examples();
      }
      loss[j] = sum / examples;
      order[j] = j;
    }
    Arrays.sort(order, Comparator.<Integer>comparingDouble(j -> loss[j]).thenComparingInt(j -> adapters[j]));
    return IntStream.range(0, Math.min(keep, adapters.length)).map(j -> adapters[order[j]]).sorted().toArray();
  }

  private void check(ScreeningState state) {
    if (!key().equals(state.plan())) {
      throw new IllegalArgumentException("the screening state belongs to another plan: it was made for '"
          + state.plan() + "', this plan is '" + key() + "'");
    }
  }
}
