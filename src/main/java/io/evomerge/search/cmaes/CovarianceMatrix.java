package io.evomerge.search.cmaes;

/**
 * The covariance matrix {@code C = B D^2 B^T} of CMA-ES and what the algorithm does with it; a
 * candidate is {@code m + sigma * s .* (B D z)} with pycma's per-coordinate scaling {@code s}
 * (its {@code sigma_vec}), which {@link CmaEs} holds. Not thread-safe.
 */
sealed interface CovarianceMatrix permits FullCovariance, SeparableCovariance {

  /** Writes {@code u = B D z}, a draw from N(0, C) given a standard normal {@code z}. */
  void sample(double[] z, double[] u);

  /** Writes {@code out = B z}: {@code C^(-1/2) u} for {@code u = B D z}. */
  void rotate(double[] z, double[] out);

  /**
   * The rank-one and rank-mu update (with negative weights when {@code p} has them) from the
   * steps {@code steps[k] = B D z_k} of all candidates, best first, and their normals {@code
   * normals[k] = z_k}; may rescale {@code scaling}; decomposes again when due after {@code
   * evaluations}.
   */
  void update(Parameters p, double[] pc, boolean hsig, double[][] steps, double[][] normals,
      double[] scaling, long evaluations);

  /** {@code C_ii}. */
  double variance(int i);

  /** Condition number of C as of the last decomposition (separable: of the squared scaling). */
  double condition(double[] scaling);

  /** {@code c1 * (1 - (1 - hsig) cc (2 - cc))}: the rank-one rate after a stalled path. */
  static double c1a(Parameters p, boolean hsig) {
    return p.c1() * (1 - (hsig ? 0 : 1) * p.cc() * (2 - p.cc()));
  }
}
