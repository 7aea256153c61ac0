package io.evomerge.merge;

import io.evomerge.adapter.LoraAdapter;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The LoRA factors of a repository as the merge rules read them: each adapter's A and B, and the
 * magnitude ranking of its A ({@link Sparsify#magnitudeOrder}), computed on the first merge that
 * sparsifies that adapter (alpha strictly between 0 and 1) and kept. So loading a repository of
 * many adapters costs no sorting, and a merge touches only the adapters it uses. All adapters share
 * rank, dim and lora_alpha. Thread-safe: two threads may both compute a ranking, with identical
 * results.
 */
final class SparseFactors {

  private final float[][] as;
  private final float[][] bs;
  private final AtomicReferenceArray<int[]> orders;
  private final int rank;
  private final int dim;
  private final double scale;

  SparseFactors(List<LoraAdapter> adapters) {
    if (adapters.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge: no adapters");
    }
    LoraAdapter first = adapters.get(0);
    this.rank = first.rank();
    this.dim = first.dim();
    this.scale = first.scale();
    this.orders = new AtomicReferenceArray<>(adapters.size());
    this.as = new float[adapters.size()][];
    this.bs = new float[adapters.size()][];
    for (int i = 0; i < as.length; i++) {
      LoraAdapter a = adapters.get(i);
      if (a.rank() != rank || a.dim() != dim || a.scale() != scale) {
        throw new IllegalArgumentException("adapter " + a.id() + " differs in rank, dim or lora_alpha from "
            + first.id());
      }
      as[i] = a.a();
      bs[i] = a.b();
    }
  }

  int rank() {
    return rank;
  }

  int dim() {
    return dim;
  }

  double scale() {
    return scale;
  }

  int entries() {
    return rank * dim;
  }

  int keepCount(double alpha) {
    return Sparsify.keepCount(alpha, entries());
  }

  /**
   * Adds {@code factor * sparsify(A_i)} (its top {@code keep} entries) to {@code sum} from {@code
   * offset} on. Each entry gets at most one addition, so the result does not depend on the order
   * the kept entries are visited in.
   */
  void addSparseA(double[] sum, int offset, int i, double factor, int keep) {
    float[] values = as[i];
    if (keep == values.length) {
      for (int j = 0; j < values.length; j++) {
        sum[offset + j] += factor * values[j];
      }
      return;
    }
    int[] order = order(i);
    for (int j = 0; j < keep; j++) {
      sum[offset + order[j]] += factor * values[order[j]];
    }
  }

  /** B_i row-major ({@code dim x rank}), read-only. */
  float[] b(int i) {
    return bs[i];
  }

  private int[] order(int i) {
    int[] order = orders.get(i);
    if (order == null) {
      order = Sparsify.magnitudeOrder(as[i]);
      orders.compareAndSet(i, null, order);
    }
    return order;
  }
}
