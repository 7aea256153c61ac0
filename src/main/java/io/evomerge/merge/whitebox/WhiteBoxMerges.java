package io.evomerge.merge.whitebox;

import io.evomerge.protocol.StrategySpec;
import io.evomerge.adapter.LoraAdapter;
import io.evomerge.merge.ConcatMerge;
import io.evomerge.merge.ControlVectors;
import io.evomerge.merge.MergeDigest;
import io.evomerge.merge.MergeStrategy;
import io.evomerge.merge.MergedLora;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The provider-side rules other than the paper's over one repository, for a service that holds the
 * weights: {@code concat} (low-rank, built once) and the white-box rules, whose dense task
 * vectors are built on first use (about {@code 4 d^2} bytes per adapter), and the last few dense
 * merges are kept by strategy and {@link MergeDigest} (each is about {@code 16 d^2} bytes; a
 * {@code concat} merge of K adapters {@code 16 K r d}), at most {@value #CACHED_MERGES} and {@value
 * #CACHED_BYTES} bytes of them. Thread-safe.
 */
public final class WhiteBoxMerges {

  /** Dense merges kept: a grid point evaluates one merge on many shards in a row. */
  public static final int CACHED_MERGES = 8;
  /** Bytes of merged weights kept at most (the newest merge is always kept). */
  public static final long CACHED_BYTES = 64L << 20;

  private final List<LoraAdapter> adapters;
  private final Map<String, MergedLora> recent = new LinkedHashMap<>(16, 0.75f, true);
  private TaskVectors tasks;
  private ConcatMerge concat;

  private WhiteBoxMerges(List<LoraAdapter> adapters) {
    this.adapters = List.copyOf(adapters);
  }

  public static WhiteBoxMerges of(List<LoraAdapter> adapters) {
    return new WhiteBoxMerges(adapters);
  }

  /** The merge {@code spec} (not the default rule) makes of {@code vectors}. */
  public MergedLora merged(StrategySpec spec, ControlVectors vectors) {
    if (spec.isDefault()) {
      throw new IllegalArgumentException("the asymmetric rule is not a white-box merge");
    }
    String key = spec.key() + "/" + MergeDigest.of(vectors);
    synchronized (recent) {
      MergedLora cached = recent.get(key);
      if (cached != null) {
        return cached;
      }
    }
    MergedLora merged = strategy(spec).merge(vectors);
    synchronized (recent) {
      recent.put(key, merged);
      while (recent.size() > 1 && (recent.size() > CACHED_MERGES || cachedBytes() > CACHED_BYTES)) {
        recent.remove(recent.keySet().iterator().next());
      }
    }
    return merged;
  }

  /** Merges kept, as values held: a 1,000-adapter {@code concat} merge alone holds about 49 MB. */
  private long cachedBytes() {
    return recent.values().stream().mapToLong(m -> 16L * m.dim() * m.rank()).sum();
  }

  /** The merges kept now (for tests and metrics). */
  public int cachedMerges() {
    synchronized (recent) {
      return recent.size();
    }
  }

  /** The rule {@code spec} names, over this repository. */
  public MergeStrategy strategy(StrategySpec spec) {
    return switch (spec.kind()) {
      case CONCAT -> concat();
      case TASK_ARITHMETIC -> TaskArithmetic.of(tasks());
      case TIES -> Ties.of(tasks(), spec.density());
      case DARE -> Dare.of(tasks(), spec.density(), spec.seed());
      case ASYMMETRIC -> throw new IllegalArgumentException("the asymmetric rule is not a white-box merge");
    };
  }

  private synchronized ConcatMerge concat() {
    if (concat == null) {
      concat = ConcatMerge.of(adapters);
    }
    return concat;
  }

  private synchronized TaskVectors tasks() {
    if (tasks == null) {
      tasks = TaskVectors.of(adapters);
    }
    return tasks;
  }
}
