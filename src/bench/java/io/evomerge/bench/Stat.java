package io.evomerge.bench;

import java.util.Locale;

/**
 * Mean and sample standard deviation of a few measurements (e.g. over seeds). Immutable.
 *
 * @param mean the arithmetic mean, NaN when there is nothing to average
 * @param std the sample standard deviation (n - 1 in the denominator), 0 for one value
 * @param n how many values
 */
public record Stat(double mean, double std, int n) {

  /** The statistics of {@code values}; NaN values are skipped. */
  public static Stat of(double... values) {
    double sum = 0;
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    if (n == 0) {
      return new Stat(Double.NaN, Double.NaN, 0);
    }
    double mean = sum / n;
    double squares = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        squares += (v - mean) * (v - mean);
      }
    }
    return new Stat(mean, n > 1 ? Math.sqrt(squares / (n - 1)) : 0, n);
  }

  /** {@code mean ± std} with {@code digits} decimals, or {@code n/a}. */
  public String format(int digits) {
    if (n == 0) {
      return "n/a";
    }
    String f = "%." + digits + "f";
    return String.format(Locale.ROOT, f + " ± " + f, mean, std);
  }
}
