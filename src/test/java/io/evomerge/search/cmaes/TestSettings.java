package io.evomerge.search.cmaes;

/** CMA-ES settings as pycma picks them when given only a start and a sigma. */
final class TestSettings {

  private TestSettings() {}

  /** Hansen's default lambda: {@code 4 + floor(3 ln n)}. */
  static int defaultPopSize(int dimension) {
    return 4 + (int) Math.floor(3 * StrictMath.log(dimension));
  }

  /** Unbounded, full covariance, active update, default population size. */
  static CmaEsSettings of(double[] start, double sigma) {
    return new CmaEsSettings(start, sigma, defaultPopSize(start.length), null, Covariance.FULL);
  }
}
