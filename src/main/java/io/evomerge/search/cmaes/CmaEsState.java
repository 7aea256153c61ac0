package io.evomerge.search.cmaes;

import java.util.Objects;

/**
 * The whole state of a CMA-ES run between two generations: {@link CmaEs} steps it, and Jackson
 * writes it and reads it back to continue with exactly the candidates the saved run would have
 * produced. No generator state is stored: generation g samples from {@code (streamSeed, g)}.
 *
 * <p>Immutable by contract: the arrays are not copied, so that successive states share what a step
 * leaves unchanged (the eigenvectors between two decompositions); callers must not modify them. A
 * state of another {@link #VERSION} (another algorithm) is refused: it cannot continue bit for bit.
 *
 * @param version the state format, {@link #VERSION}
 * @param settings the run's settings
 * @param streamSeed seed of the sampling stream, drawn once from the generator passed at start
 * @param generation generations told so far
 * @param evaluations candidates told so far
 * @param mean distribution mean, in internal (unbounded) coordinates
 * @param sigma step size
 * @param pathC evolution path of the covariance (pc)
 * @param pathSigma evolution path of the step size (ps)
 * @param scaling pycma's {@code sigma_vec}: per-coordinate factors of the sampled steps; the whole
 *     diagonal covariance (standard deviations) when SEPARABLE, the step cap's factors (1 until
 *     the cap fires) when FULL
 * @param covariance FULL: lower triangle of C, row i with i + 1 entries; SEPARABLE: null (C = I)
 * @param eigenvectors FULL: the eigenvectors of C, one per row (B transposed); SEPARABLE: null
 * @param scales FULL: D, square roots of the eigenvalues; SEPARABLE: null
 * @param decomposedAt FULL: the evaluation count of the last eigendecomposition; SEPARABLE: 0
 * @param bestHistory best fitness of each recent generation, oldest first
 * @param flatGenerations consecutive generations of flat fitness
 * @param generationRange fitness range of the last generation (0 before the first)
 * @param best the best candidate told so far, null before the first tell
 */
public record CmaEsState(
    int version,
    CmaEsSettings settings,
    long streamSeed,
    int generation,
    long evaluations,
    double[] mean,
    double sigma,
    double[] pathC,
    double[] pathSigma,
    double[] scaling,
    double[][] covariance,
    double[][] eigenvectors,
    double[] scales,
    long decomposedAt,
    double[] bestHistory,
    int flatGenerations,
    double generationRange,
    Solution best) {

  /** The state format this code writes and reads. */
  public static final int VERSION = 2;

  public CmaEsState {
    if (version != VERSION) {
      throw new IllegalArgumentException("CMA-ES state version " + version + " (expected " + VERSION
          + "): it was saved by an older EvoMerge whose CMA-ES cannot be continued; start the run"
          + " afresh, without --resume or in a new output directory");
    }
    Objects.requireNonNull(settings, "settings");
    int n = settings.dimension();
    requireLength("mean", mean, n);
    requireLength("pathC", pathC, n);
    requireLength("pathSigma", pathSigma, n);
    requireLength("scaling", scaling, n);
    Objects.requireNonNull(bestHistory, "bestHistory");
    if (!(sigma > 0) || !Double.isFinite(sigma)) {
      throw new IllegalArgumentException("sigma: " + sigma + " must be > 0");
    }
    boolean full = settings.covariance() == Covariance.FULL;
    if (full != (covariance != null && eigenvectors != null && scales != null)) {
      throw new IllegalArgumentException("state: covariance fields do not match " + settings.covariance());
    }
    for (int i = 0; full && i < n; i++) {
      if (covariance.length != n || eigenvectors.length != n || scales.length != n
          || covariance[i].length != i + 1 || eigenvectors[i].length != n) {
        throw new IllegalArgumentException("covariance: row " + i + " has the wrong length");
      }
    }
  }

  /** Whether the covariance is full (else separable: C = I and {@link #scaling} is all of it). */
  boolean full() {
    return covariance != null;
  }

  /** {@code C_ii}. */
  double variance(int i) {
    return covariance == null ? 1 : covariance[i][i];
  }

  private static void requireLength(String name, double[] a, int n) {
    if (a == null || a.length != n) {
      throw new IllegalArgumentException(name + ": expected " + n + " entries");
    }
  }
}
