package io.evomerge.selection;

import io.evomerge.config.SelectionSettings;
import io.evomerge.merge.ControlVectors;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The screening of adapters as successive halving, planned in full before the first
 * call. Every adapter that is not pinned is scored alone (alpha = 1, beta = 1, every other beta 0)
 * on the first {@code initialShards} fitness shards, and the base model (every beta 0) on the same
 * shards. Each next round keeps the better {@code keepFraction} of the previous round's adapters
 * (never fewer than {@code topK}), by their mean loss over every shard they have seen, ties by
 * adapter index, and scores them on further shards, so that survivors have seen about {@code 1 /
 * keepFraction} times as many shards as before. It stops when the next cut would reach {@code topK}
 * (the top K are then clear) or when the shards run out. The selection is the top K of the last
 * round's ranking plus every pinned adapter.
 *
 * <p>How many adapters each round scores, and on which shards, does not depend on the losses, so
 * the plan states each round's calls in advance ({@link #callsOfRound}); which adapters they are
 * comes from the scores of the rounds before ({@link #round}). Everything is a function of the
 * settings, the repository's ids, the shard count and the scores, so a screening is deterministic
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
    Set<Integer> pins = new HashSet<>();
    IntStream.of(pinned).forEach(pins::add);
    this.candidates = IntStream.range(0, adapterIds.size()).filter(i -> !pins.contains(i)).toArray();
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
    List<Integer> out = new ArrayList<>();
    for (String id : settings.pinned()) {
      int i = ids.indexOf(id);
      if (i < 0) {
        throw new IllegalArgumentException("pinned: '" + id + "' is not an adapter of the repository ("
            + ids.size() + " adapters, e.g. " + String.join(", ", ids.subList(0, Math.min(5, ids.size()))) + ")");
      }
      out.add(i);
    }
    return out.stream().mapToInt(Integer::intValue).sorted().toArray();
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

  public int shardCount() {
    return shardCount;
  }

  public List<Stage> stages() {
    return stages;
  }

  public int rounds() {
    return stages.size();
  }

  public long callsOfRound(int r) {
    return stages.get(r).calls();
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
    return String.format(java.util.Locale.ROOT, "screening/topK=%d,pinned=%s,initialShards=%d,keepFraction=%s,"
        + "adapters=%d:%08x,shards=%d", settings.topK(), settings.pinned(), settings.initialShards(),
        settings.keepFraction(), adapterIds.size(), adapterIds.hashCode(), shardCount);
  }

  public Round round(ScreeningState state) {
    check(state);
    Map<ShardLoss.Pair, ShardLoss> index = state.index();
    int[] adapters = candidates;
    for (int r = 0; r < stages.size(); r++) {
      if (r > 0) {
        adapters = best(adapters, stages.get(r).adapters(), stages.get(r - 1).toShard(), state, index);
      }
      List<ShardLoss.Pair> missing = missing(adapters, stages.get(r), index.keySet());
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
    int[] survivors = candidates;
    for (int r = 1; r < stages.size(); r++) {
      survivors = best(survivors, stages.get(r).adapters(), stages.get(r - 1).toShard(), state, index);
    }
    int[] top = best(survivors, settings.topK(), stages.get(stages.size() - 1).toShard(), state, index);
    TreeSet<Integer> chosen = new TreeSet<>();
    IntStream.of(top).forEach(chosen::add);
    IntStream.of(pinned).forEach(chosen::add);
    return chosen.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The {@code keep} of {@code adapters} with the lowest mean loss on shards 0..shards-1, ties by index. */
  private static int[] best(int[] adapters, int keep, int shards, ScreeningState state,
      Map<ShardLoss.Pair, ShardLoss> index) {
    double[] loss = new double[adapters.length];
    Integer[] order = new Integer[adapters.length];
    for (int j = 0; j < adapters.length; j++) {
      loss[j] = state.meanLoss(adapters[j], shards, index);
      order[j] = j;
    }
    java.util.Arrays.sort(order, Comparator.<Integer>comparingDouble(j -> loss[j]).thenComparingInt(j -> adapters[j]));
    return IntStream.range(0, Math.min(keep, adapters.length)).map(j -> adapters[order[j]]).sorted().toArray();
  }

  private static List<ShardLoss.Pair> missing(int[] adapters, Stage stage, Set<ShardLoss.Pair> measured) {
    List<ShardLoss.Pair> out = new ArrayList<>();
    for (int shard = stage.fromShard(); shard < stage.toShard(); shard++) {
      add(out, new ShardLoss.Pair(BASE, shard), measured);
      for (int adapter : adapters) {
        add(out, new ShardLoss.Pair(adapter, shard), measured);
      }
    }
    return out;
  }

  private static void add(List<ShardLoss.Pair> out, ShardLoss.Pair pair, Set<ShardLoss.Pair> measured) {
    if (!measured.contains(pair)) {
      out.add(pair);
    }
  }

  private void check(ScreeningState state) {
    if (!key().equals(state.plan())) {
      throw new IllegalArgumentException("the screening state belongs to another plan: it was made for '"
          + state.plan() + "', this plan is '" + key() + "'");
    }
  }
}
