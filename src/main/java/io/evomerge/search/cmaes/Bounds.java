package io.evomerge.search.cmaes;

/**
 * A box {@code lower[i] <= x[i] <= upper[i]}, finite in every coordinate. Immutable: arrays are
 * copied in and out.
 *
 * @param lower lower bound of each coordinate
 * @param upper upper bound of each coordinate, strictly above {@code lower}
 */
public record Bounds(double[] lower, double[] upper) {

  public Bounds {
    if (lower.length != upper.length) {
      throw new IllegalArgumentException(
          "bounds: lower has " + lower.length + " entries but upper has " + upper.length);
    }
    for (int i = 0; i < lower.length; i++) {
      if (!Double.isFinite(lower[i]) || !Double.isFinite(upper[i]) || !(lower[i] < upper[i])) {
        throw new IllegalArgumentException(
            "bounds[" + i + "]: [" + lower[i] + ", " + upper[i] + "] must be finite with lower < upper");
      }
    }
    lower = lower.clone();
    upper = upper.clone();
  }

  /** The same interval {@code [lower, upper]} in each of {@code dimension} coordinates. */
  public static Bounds of(int dimension, double lower, double upper) {
    double[] lo = new double[dimension];
    double[] hi = new double[dimension];
    java.util.Arrays.fill(lo, lower);
    java.util.Arrays.fill(hi, upper);
    return new Bounds(lo, hi);
  }

  public int dimension() {
    return lower.length;
  }

  @Override
  public double[] lower() {
    return lower.clone();
  }

  @Override
  public double[] upper() {
    return upper.clone();
  }

  /** Whether {@code x[i]} lies in coordinate i's interval (inclusive). */
  public boolean contains(int i, double x) {
    return x >= lower[i] && x <= upper[i];
  }
}
