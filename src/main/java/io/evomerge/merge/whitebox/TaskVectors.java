package io.evomerge.merge.whitebox;

import io.evomerge.adapter.LoraAdapter;
import io.evomerge.merge.MergedLora;
import java.util.Arrays;
import java.util.List;

/**
 * The dense task vectors of a repository: {@code tau_i = (lora_alpha / r) B_i A_i}, one
 * {@code dim x dim} update per adapter (row-major, single precision), which is what white-box
 * merges operate on. Magnitudes sorted in descending order are computed per adapter on first use
 * (for trimming). Immutable once built; thread-safe.
 */
public final class TaskVectors {

  private final int dim;
  private final float[][] deltas;
  private final float[][] sortedMagnitudes;

  private TaskVectors(int dim, float[][] deltas) {
    this.dim = dim;
    this.deltas = deltas;
    this.sortedMagnitudes = new float[deltas.length][];
  }

  /** The task vectors of {@code adapters}, which must share their dimension. */
  public static TaskVectors of(List<LoraAdapter> adapters) {
    if (adapters.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge: no adapters");
    }
    int dim = adapters.get(0).dim();
    float[][] deltas = new float[adapters.size()][];
    for (int i = 0; i < deltas.length; i++) {
      LoraAdapter a = adapters.get(i);
      if (a.dim() != dim) {
        throw new IllegalArgumentException("adapter " + a.id() + " acts on " + a.dim() + "-d embeddings, not " + dim);
      }
      deltas[i] = dense(a);
    }
    return new TaskVectors(dim, deltas);
  }

  /** {@code (lora_alpha / r) B A} of one adapter, row-major. */
  static float[] dense(LoraAdapter adapter) {
    int d = adapter.dim();
    int r = adapter.rank();
    float[] a = adapter.a();
    float[] b = adapter.b();
    float[] out = new float[d * d];
    for (int row = 0; row < d; row++) {
      for (int m = 0; m < r; m++) {
        double bm = adapter.scale() * b[row * r + m];
        if (bm == 0) {
          continue;
        }
        int base = m * d;
        for (int col = 0; col < d; col++) {
          out[row * d + col] += (float) (bm * a[base + col]);
        }
      }
    }
    return out;
  }

  public int dim() {
    return dim;
  }

  public int size() {
    return deltas.length;
  }

  /** The task vector of adapter {@code i}; shared, not copied: callers must not write to it. */
  float[] view(int i) {
    return deltas[i];
  }

  /**
   * The smallest magnitude among the top {@code keep} entries of task vector {@code i} by
   * magnitude: entries at least this large survive trimming to {@code keep} entries (ties at the
   * threshold may keep a few more). Positive infinity when {@code keep} is 0.
   */
  float threshold(int i, int keep) {
    if (keep <= 0) {
      return Float.POSITIVE_INFINITY;
    }
    float[] sorted = sorted(i);
    return sorted[Math.min(keep, sorted.length) - 1];
  }

  private float[] sorted(int i) {
    synchronized (sortedMagnitudes) {
      if (sortedMagnitudes[i] == null) {
        float[] magnitudes = new float[deltas[i].length];
        for (int j = 0; j < magnitudes.length; j++) {
          magnitudes[j] = -Math.abs(deltas[i][j]);
        }
        Arrays.sort(magnitudes);
        for (int j = 0; j < magnitudes.length; j++) {
          magnitudes[j] = -magnitudes[j];
        }
        sortedMagnitudes[i] = magnitudes;
      }
      return sortedMagnitudes[i];
    }
  }

  /**
   * {@code update} (row-major, {@code dim * dim}) in the shape of {@link MergedLora}: {@code B} is
   * the update, {@code A} the identity, rank {@code dim}, scale 1, so that {@code scale * B A} is the
   * update itself.
   */
  MergedLora asMerged(double[] update) {
    double[] identity = new double[dim * dim];
    for (int k = 0; k < dim; k++) {
      identity[k * dim + k] = 1;
    }
    return new MergedLora(dim, dim, 1.0, update, identity);
  }

  static void addScaled(double[] sum, float[] values, double weight) {
    if (weight == 0) {
      return;
    }
    for (int j = 0; j < values.length; j++) {
      sum[j] += weight * values[j];
    }
  }
}
