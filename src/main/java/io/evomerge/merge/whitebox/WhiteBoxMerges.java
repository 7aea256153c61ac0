package io.evomerge.merge.whitebox;

import io.evomerge.protocol.StrategySpec;
import io.evomerge.adapter.LoraAdapter;
import io.evomerge.merge.ConcatMerge;
import io.evomerge.merge.ControlVectors;
import io.evomerge.merge.MergeDigest;
import io.evomerge.merge.MergeStrategy;
import io.evomerge.merge.MergedLora;
import io.evomerge.merge.MergedWeightsCache;
import java.util.List;

/**
 * The provider-side rules other than the paper's over one repository, for a service that holds the
 * weights: {@code concat} (low-rank, built once) and the white-box rules, whose dense task
 * vectors are built on first use (about {@code 4 d^2} bytes per adapter), and the last few dense
 * merges are kept by strategy and {@link MergeDigest} (each is about {@code 16 d^2} bytes; a
 * {@code concat} merge of K adapters {@code 16 K r d}), at most {@value #CACHED_MERGES} and {@value
 * #CACHED_BYTES} bytes of them. Thread-safe.
 */
public final class WhiteBoxMerges {

  public static final int CACHED_MERGES = 8;
  public static final long CACHED_BYTES = 64L << 20;

  private final List<LoraAdapter> adapters;
  private final MergedWeightsCache recent = new MergedWeightsCache(CACHED_MERGES, CACHED_BYTES);
  private TaskVectors tasks;
  private ConcatMerge concat;

  public WhiteBoxMerges(List<LoraAdapter> adapters) {
    this.adapters = List.copyOf(adapters);
  }

  public MergedLora merged(StrategySpec spec, ControlVectors vectors) {
    return recent.get(spec.key() + "/" + MergeDigest.of(vectors), () -> strategy(spec).merge(vectors));
  }

  public int cachedMerges() {
    return recent.size();
  }

  public MergeStrategy strategy(StrategySpec spec) {
    return switch (spec.kind()) {
      case CONCAT -> concat();
      case TASK_ARITHMETIC -> new TaskArithmetic(tasks());
      case TIES -> new Ties(tasks(), spec.density());
      case DARE -> new Dare(tasks(), spec.density(), spec.seed());
      case ASYMMETRIC -> throw new IllegalArgumentException("the asymmetric rule is not a white-box merge");
    };
  }

  private synchronized ConcatMerge concat() {
    if (concat == null) {
      concat = new ConcatMerge(adapters);
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
