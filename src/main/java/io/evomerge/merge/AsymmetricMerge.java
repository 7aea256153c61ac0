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
 * repository order, in double precision. Each adapter's magnitude ranking of A is computed once at
 * construction, so a merge costs O(N r d). Immutable and thread-safe.
 */
public final class AsymmetricMerge implements MergeStrategy {

  private final List<LoraAdapter> adapters;
  private final int[][] orders;
  private final float[][] as;
  private final float[][] bs;
  private final int rank;
  private final int dim;
  private final double scale;

  private AsymmetricMerge(List<LoraAdapter> adapters) {
    if (adapters.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge: no adapters");
    }
    this.adapters = List.copyOf(adapters);
    LoraAdapter first = adapters.get(0);
    this.rank = first.rank();
    this.dim = first.dim();
    this.scale = first.scale();
    this.orders = new int[adapters.size()][];
    this.as = new float[adapters.size()][];
    this.bs = new float[adapters.size()][];
    for (int i = 0; i < orders.length; i++) {
      LoraAdapter a = adapters.get(i);
      if (a.rank() != rank || a.dim() != dim || a.scale() != scale) {
        throw new IllegalArgumentException("adapter " + a.id() + " differs in rank, dim or lora_alpha from "
            + first.id());
      }
      as[i] = a.a();
      bs[i] = a.b();
      orders[i] = Sparsify.magnitudeOrder(as[i]);
    }
  }

  /** The rule over {@code adapters}, which must share rank, dim and lora_alpha. */
  public static AsymmetricMerge of(List<LoraAdapter> adapters) {
    return new AsymmetricMerge(adapters);
  }

  @Override
  public String name() {
    return "asymmetric";
  }

  @Override
  public int adapterCount() {
    return adapters.size();
  }

  @Override
  public MergedLora merge(ControlVectors vectors) {
    if (vectors.size() != adapters.size()) {
      throw new IllegalArgumentException("control vectors have " + vectors.size()
          + " entries but the repository has " + adapters.size() + " adapters");
    }
    double[] a = new double[rank * dim];
    double[] b = new double[dim * rank];
    for (int i = 0; i < adapters.size(); i++) {
      double beta = vectors.beta(i);
      if (beta != 0) {
        addSparseA(a, i, beta, Sparsify.keepCount(vectors.alpha(i), rank * dim));
        addB(b, i, beta);
      }
    }
    return new MergedLora(dim, rank, scale, b, a);
  }

  private void addSparseA(double[] sum, int i, double beta, int keep) {
    float[] values = as[i];
    int[] order = orders[i];
    for (int j = 0; j < keep; j++) {
      sum[order[j]] += beta * values[order[j]];
    }
  }

  private void addB(double[] sum, int i, double beta) {
    float[] values = bs[i];
    for (int j = 0; j < values.length; j++) {
      sum[j] += beta * values[j];
    }
  }
}
