package io.evomerge.search.cmaes;

import io.evomerge.search.cmaes.CmaEsSettings.Update;

/**
 * The default strategy parameters of pycma 4.5 ({@code CMAParameters}, {@code
 * RecombinationWeights}, {@code CMAAdaptSigmaCSA}, and the sampler's and {@code CMA_diagonal}'s
 * learning rates). Immutable.
 *
 * <p>Weights: {@code ln((lambda + 1) / 2) - ln i} for i = 1..lambda; the positive ones sum to 1.
 * With {@link Update#ACTIVE} the negative ones are scaled so that {@code c1 + cmu * sum(w) = 0}
 * (no decay of C), then limited to {@code (1 - c1 - cmu) / (cmu n)} (full covariance only: keeps
 * C positive definite) and to {@code 1 + 2 mueff- / (mueff + 2)}; with {@link Update#CLASSIC}
 * they are zero.
 *
 * @param n dimension
 * @param lambda population size
 * @param mu number of positive weights, {@code floor(lambda / 2)}
 * @param weights recombination weights of all lambda ranks, best first: positive ones summing to
 *     1, then negative (active) or zero (classic) ones
 * @param mueff variance-effective selection mass of the positive weights
 * @param cc learning rate of the rank-one evolution path
 * @param cs learning rate of the step-size path
 * @param c1 rank-one learning rate
 * @param cmu rank-mu learning rate
 * @param damps step-size damping
 * @param chiN expectation of the norm of an n-dimensional standard normal vector
 * @param eigenGap evaluations between two eigendecompositions of a full covariance
 */
public record Parameters(
    int n,
    int lambda,
    int mu,
    double[] weights,
    double mueff,
    double cc,
    double cs,
    double c1,
    double cmu,
    double damps,
    double chiN,
    double eigenGap) {

  public Parameters {
    weights = weights.clone();
  }

  @Override
  public double[] weights() {
    return weights.clone();
  }

  /** The defaults for dimension {@code n}, population {@code lambda}, {@code model} and {@code update}. */
  public static Parameters of(int n, int lambda, Covariance covariance, Update update) {
    Covariance model = covariance.at(n);
    double[] w = new double[lambda];
    for (int i = 0; i < lambda; i++) {
      w[i] = StrictMath.log((lambda + 1) / 2.0) - StrictMath.log(i + 1);
    }
    int mu = 0;
    while (mu < lambda && w[mu] > 0) {
      mu++;
    }
    normalise(w, mu);
    double mueff = mueff(w, 0, mu);
    double mueffMinus = mueff(w, mu, lambda);
    double sqrtN = Math.sqrt(n);
    // full rates: CMAParameters and the sampler's parameters(), which agree
    double c1 = Math.min(1, lambda / 6.0) * 2 / ((n + 1.3) * (n + 1.3) + mueff);
    double cmu = Math.min(1 - c1, 2 * (0.25 + mueff + 1 / mueff - 2) / ((n + 2.0) * (n + 2.0) + mueff));
    double eigenGap = lambda * (1 / (c1 + cmu + 1e-23) / n / 10);
    double cc = (4 + (double) mueff / n) / (n + 4 + 2 * mueff / n);
    if (model == Covariance.SEPARABLE) {
      cc = (1 + 1.0 / n + mueff / n) / (sqrtN + 1.0 / n + 2 * mueff / n);
      c1 = 1 / (n + 2 * sqrtN + mueff / n);
      cmu = Math.min(1 - c1, (0.25 + mueff + 1 / mueff - 2) / (n + 4 * sqrtN + mueff / 2));
    }
    if (update == Update.ACTIVE) {
      scaleNegative(w, mu, 1 + c1 / cmu, false);
      if (model == Covariance.FULL) {
        scaleNegative(w, mu, (1 - c1 - cmu) / cmu / n, true);
      }
      scaleNegative(w, mu, 1 + 2 * mueffMinus / (mueff + 2), true);
    } else {
      for (int i = mu; i < lambda; i++) {
        w[i] = 0;
      }
    }
    double cs = Math.min(0.5, (mueff + 2) / (n + mueff + 3));
    double dampIn = Math.max(1, 3 * (1 - StrictMath.pow(0.5, n / 9.0)));
    double damps = 1 + 2 * Math.max(0, dampIn * Math.sqrt((mueff - 1) / (n + 1)) - 1) + cs;
    return new Parameters(n, lambda, mu, w, mueff, cc, cs, c1, cmu, damps, chiN(n), eigenGap);
  }

  /** History length of TolFun: {@code 10 + ceil(30 n / lambda)}. */
  static int historyLength(int n, int lambda) {
    return 10 + (int) Math.ceil(30.0 * n / lambda);
  }

  /**
   * E||N(0, I_n)||: exact, {@code sqrt(2) Gamma((n + 1) / 2) / Gamma(n / 2)}, up to n = 100, then
   * {@code sqrt(n) (1 - 1 / (4n) + 1 / (32 n^2))}, as pycma's {@code Mh.chiN}.
   */
  static double chiN(int n) {
    if (n > 100) {
      return Math.sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (32.0 * n * n));
    }
    // r(k) = Gamma((k + 1) / 2) / Gamma(k / 2); r(k + 2) = r(k) (k + 1) / k
    double r = n % 2 == 1 ? 1 / Math.sqrt(Math.PI) : Math.sqrt(Math.PI) / 2;
    for (int k = n % 2 == 1 ? 1 : 2; k < n; k += 2) {
      r *= (k + 1.0) / k;
    }
    return Math.sqrt(2) * r;
  }

  /** Positive weights to sum 1, negative ones to sum -1. */
  private static void normalise(double[] w, int mu) {
    double pos = 0;
    double neg = 0;
    for (int i = 0; i < w.length; i++) {
      if (i < mu) {
        pos += w[i];
      } else {
        neg += w[i];
      }
    }
    for (int i = 0; i < w.length; i++) {
      w[i] /= i < mu ? pos : (neg != 0 ? -neg : 1);
    }
  }

  private static double mueff(double[] w, int from, int to) {
    double sum = 0;
    double sq = 0;
    for (int i = from; i < to; i++) {
      sum += w[i];
      sq += w[i] * w[i];
    }
    return sq == 0 ? 0 : sum * sum / sq;
  }

  /**
   * Scales the negative weights to sum {@code -value}; with {@code onlyDown}, only where they sum
   * below it (so that their sum is at least {@code -value}).
   */
  private static void scaleNegative(double[] w, int mu, double value, boolean onlyDown) {
    double s = 0;
    for (int i = mu; i < w.length; i++) {
      s += w[i];
    }
    if (s == 0 || (onlyDown && s >= -value)) {
      return;
    }
    double factor = Math.abs(value / s);
    for (int i = mu; i < w.length; i++) {
      w[i] *= factor;
    }
  }
}
