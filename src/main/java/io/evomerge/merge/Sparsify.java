package io.evomerge.merge;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Sparsity-based denoising (the paper's first stage; README, "The optimizer"): keep the fraction {@code alpha} of a tensor's
 * entries with the largest magnitude and set the rest to 0.
 *
 * <p>The rule, exactly:
 * <ul>
 *   <li>{@code k = floor(alpha * n + 0.5)} entries are kept, {@code n} the tensor's entry count
 *       (round half up; so alpha = 0 keeps none and alpha = 1 keeps all);</li>
 *   <li>entries are ranked by {@code |value|} descending; equal magnitudes are ranked by flat
 *       (row-major) index ascending, so at a tie on the threshold the lower index is kept;</li>
 *   <li>the first k of that ranking keep their value, every other entry becomes 0.</li>
 * </ul>
 * The paper's release could not be consulted for its rounding; {@code torch.topk}-style
 * implementations commonly use {@code int(alpha * n)} instead, which differs from this rule only
 * when {@code alpha * n} has a fractional part of at least one half. Stateless and thread-safe.
 */
public final class Sparsify {

  private Sparsify() {}

  public static int keepCount(double alpha, int n) {
    if (!(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException("alpha " + alpha + " is not in [0, 1]");
    }
    return (int) Math.min(n, Math.floor(alpha * n + 0.5));
  }

  /** The flat indices of {@code values}, by |value| descending, ties by index ascending. */
  public static int[] magnitudeOrder(float[] values) {
    Integer[] order = new Integer[values.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -Math.abs(values[i]))
        .thenComparingInt(i -> i));
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }

  /** A copy of {@code values} keeping only its top fraction {@code alpha} by magnitude. */
  public static float[] keepTop(float[] values, double alpha) {
    int[] order = magnitudeOrder(values);
    float[] out = new float[values.length];
    int k = keepCount(alpha, values.length);
    for (int j = 0; j < k; j++) {
      out[order[j]] = values[order[j]];
    }
    return out;
  }
}
