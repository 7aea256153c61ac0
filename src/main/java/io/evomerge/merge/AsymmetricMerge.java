package io.evomerge.merge;

import io.evomerge.adapter.LoraAdapter;
import java.util.List;

/**
 * The paper's asymmetric merge rule, exactly:
 * <pre>
 *   A_merged = sum_i beta_i * sparsify(A_i, alpha_i)
 *   B_merged = sum_i beta_i * B_i
 *   delta_W  = (lora_alpha / r) * B_merged @ A_merged
 * </pre>
 * with {@link Sparsify} defining the per-tensor top-k by magnitude. Sums run over adapters in
 * repository order, in double precision.
 *
 * <p>Cost: an adapter with {@code beta_i = 0} adds nothing to either sum and is skipped, so a merge
 * costs {@code O(N + K r d)} for K adapters with a non-zero beta, whatever the repository's size N
 * (the {@code O(N)} is reading the vectors). An adapter with {@code alpha_i = 0} and a non-zero beta
 * still adds to B_merged, as the rule says. An adapter's magnitude ranking of A is computed on the
 * first merge that sparsifies it, and kept. Immutable and thread-safe.
 */
public final class AsymmetricMerge extends MergeStrategy {

  private final SparseFactors factors;

  /** The rule over {@code adapters}, which must share rank, dim and lora_alpha. */
  public AsymmetricMerge(List<LoraAdapter> adapters) {
    super("asymmetric", adapters.size());
    this.factors = new SparseFactors(adapters);
  }

  @Override
  protected MergedLora mergeChecked(ControlVectors vectors) {
    double[] a = new double[factors.entries()];
    double[] b = new double[factors.entries()];
    for (int i = 0; i < adapterCount(); i++) {
      double beta = vectors.beta(i);
      if (beta != 0) {
        factors.addSparseA(a, 0, i, beta, factors.keepCount(vectors.alpha(i)));
        addB(b, factors.b(i), beta);
      }
    }
    return new MergedLora(factors.dim(), factors.rank(), factors.scale(), b, a);
  }

  private static void addB(double[] sum, float[] values, double beta) {
    for (int j = 0; j < values.length; j++) {
      sum[j] += beta * values[j];
    }
  }
}
