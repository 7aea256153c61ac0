package io.evomerge.search.cmaes;

/** The covariance model of CMA-ES; the one type of this choice, from the YAML to the state. */
public enum Covariance {
  /** Full covariance matrix, eigendecomposed lazily (every O(1/(n (c1 + cmu))) generations). */
  FULL,
  /** Diagonal covariance (sep-CMA-ES, Ros and Hansen 2008): O(n) per candidate. */
  SEPARABLE,
  /** {@link #FULL} up to {@link #AUTO_SEPARABLE_ABOVE} dimensions, {@link #SEPARABLE} above. */
  AUTO;

  /** Above this many dimensions, {@link #AUTO} picks the separable model. */
  public static final int AUTO_SEPARABLE_ABOVE = 200;

  /** This model at {@code dimension}: {@link #AUTO} resolved, the others as they are. */
  public Covariance at(int dimension) {
    return this != AUTO ? this : dimension > AUTO_SEPARABLE_ABOVE ? SEPARABLE : FULL;
  }
}
