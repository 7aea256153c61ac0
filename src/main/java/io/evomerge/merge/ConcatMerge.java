package io.evomerge.merge;

import io.evomerge.adapter.LoraAdapter;
import java.util.ArrayList;
import java.util.List;

/**
 * The provider-side rule {@code concat}: the exact weighted sum of the adapters' own updates,
 * <pre>
 *   delta_W = sum_i beta_i (lora_alpha / r) B_i sparsify(A_i, alpha_i)
 * </pre>
 * kept low-rank by concatenation: {@code B_cat = [beta_1 B_1 | beta_2 B_2 | ...]} ({@code d x K r})
 * and {@code A_cat = [sparsify(A_1, alpha_1); sparsify(A_2, alpha_2); ...]} ({@code K r x d}) over the
 * K adapters with a non-zero {@code alpha_i * beta_i} (an entry-count of 0 kept, or a zero beta,
 * contributes nothing), in repository order. Unlike the paper's {@link AsymmetricMerge}, there are
 * no cross terms {@code B_i A_j}: a negative beta truly subtracts an adapter, and one adapter at
 * -1 is the negation of +1. With no adapter left the update is 0 (rank r, all zeros).
 *
 * <p>A merge costs {@code O(N + K r d)} and its result has rank {@code K r}. Immutable and
 * thread-safe.
 */
public final class ConcatMerge extends MergeStrategy {

  private final SparseFactors factors;

  /** The rule over {@code adapters}, which must share rank, dim and lora_alpha. */
  public ConcatMerge(List<LoraAdapter> adapters) {
    super("concat", adapters.size());
    this.factors = new SparseFactors(adapters);
  }

  @Override
  protected MergedLora mergeChecked(ControlVectors vectors) {
    List<Integer> used = used(vectors);
    int r = factors.rank();
    int d = factors.dim();
    int width = Math.max(1, used.size()) * r;
    double[] a = new double[width * d];
    double[] b = new double[d * width];
    for (int slot = 0; slot < used.size(); slot++) {
      int i = used.get(slot);
      factors.addSparseA(a, slot * r * d, i, 1.0, factors.keepCount(vectors.alpha(i)));
      placeB(b, factors.b(i), vectors.beta(i), slot * r, width);
    }
    return new MergedLora(d, width, factors.scale(), b, a);
  }

  private List<Integer> used(ControlVectors vectors) {
    List<Integer> used = new ArrayList<>();
    for (int i = 0; i < adapterCount(); i++) {
      if (vectors.beta(i) != 0 && factors.keepCount(vectors.alpha(i)) > 0) {
        used.add(i);
      }
    }
    return used;
  }

  private void placeB(double[] b, float[] bi, double beta, int column, int width) {
    int r = factors.rank();
    for (int k = 0; k < factors.dim(); k++) {
      for (int m = 0; m < r; m++) {
        b[k * width + column + m] = beta * bi[k * r + m];
      }
    }
  }
}
