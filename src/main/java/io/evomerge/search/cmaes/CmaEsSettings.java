package io.evomerge.search.cmaes;

import java.util.Objects;

/**
 * What shapes one CMA-ES run: where it starts, how wide, how many candidates per generation,
 * which box (if any), which covariance model and which covariance update. Immutable: arrays are
 * copied in and out (equality is identity: compare states as JSON).
 *
 * @param start initial mean, inside {@code bounds} when there are bounds
 * @param sigma initial step size, &gt; 0
 * @param popSize candidates per generation (lambda), at least 2
 * @param bounds the box every candidate respects, or {@code null} for none
 * @param covariance full covariance or the separable (diagonal) variant; {@link Covariance#AUTO} is
 *     resolved here, by dimension
 * @param update active (pycma's default) or classic covariance update
 */
public record CmaEsSettings(
    double[] start, double sigma, int popSize, Bounds bounds, Covariance covariance, Update update) {

  public CmaEsSettings {
    Objects.requireNonNull(covariance, "covariance");
    if (update == null) {
      throw new IllegalArgumentException("update: missing (ACTIVE or CLASSIC); a CMA-ES state without"
          + " it was saved before the active update and cannot be continued: start the run afresh,"
          + " without --resume or in a new output directory");
    }
    if (start.length == 0) {
      throw new IllegalArgumentException("start: must have at least one coordinate");
    }
    if (!(sigma > 0) || !Double.isFinite(sigma)) {
      throw new IllegalArgumentException("sigma: " + sigma + " must be > 0");
    }
    if (popSize < 2) {
      throw new IllegalArgumentException("popSize: " + popSize + " must be >= 2");
    }
    if (bounds != null && bounds.dimension() != start.length) {
      throw new IllegalArgumentException(
          "bounds: " + bounds.dimension() + " coordinates but start has " + start.length);
    }
    for (int i = 0; i < start.length; i++) {
      if (!Double.isFinite(start[i])) {
        throw new IllegalArgumentException("start[" + i + "] = " + start[i] + " is not finite");
      }
      if (bounds != null && !bounds.contains(i, start[i])) {
        throw new IllegalArgumentException("start[" + i + "] = " + start[i] + " is outside ["
            + bounds.lower()[i] + ", " + bounds.upper()[i] + "]");
      }
    }
    start = start.clone();
    covariance = covariance.at(start.length);
  }

  /** The active update (pycma's default). */
  public CmaEsSettings(double[] start, double sigma, int popSize, Bounds bounds, Covariance covariance) {
    this(start, sigma, popSize, bounds, covariance, Update.ACTIVE);
  }

  public int dimension() {
    return start.length;
  }

  @Override
  public double[] start() {
    return start.clone();
  }

  /** Covariance update. */
  public enum Update {
    /**
     * pycma's default ({@code CMA_active=True}): the rank-mu update also pushes C away from the
     * worst candidates, with negative recombination weights (Jastrebski and Arnold 2006).
     */
    ACTIVE,
    /** The classic update with positive weights only (pycma's {@code CMA_active=False}). */
    CLASSIC
  }
}
