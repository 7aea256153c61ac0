package io.evomerge.search.cmaes;

import java.util.Objects;

/**
 * The whole state of a {@link CmaEs} between two generations, as plain numbers and arrays that
 * Jackson writes to JSON and reads back ({@code readValue(json, CmaEsState.class)}); {@link
 * CmaEs#restore} continues from it with exactly the candidates the saved optimizer would have
 * produced. No random generator state is stored: generation g samples from a generator seeded
 * with {@code (streamSeed, g)}. Immutable: arrays are copied in; accessors return the stored arrays
 * (treat them as read-only).
 *
 * <p>A state of another {@link #VERSION} is refused: it was made by another algorithm (before
 * version 2: the classic update, tutorial damping and margins, no step cap) and cannot continue
 * bit for bit.
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
 * @param covariance FULL: lower triangle of C, row i with i + 1 entries; SEPARABLE: null
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
    boolean full = settings.covariance() == CmaEsSettings.Covariance.FULL;
    if (full != (covariance != null && eigenvectors != null && scales != null)) {
      throw new IllegalArgumentException("state: covariance fields do not match " + settings.covariance());
    }
    mean = mean.clone();
    pathC = pathC.clone();
    pathSigma = pathSigma.clone();
    scaling = scaling.clone();
    bestHistory = bestHistory.clone();
    scales = scales == null ? null : scales.clone();
    covariance = deepCopy(covariance);
    eigenvectors = deepCopy(eigenvectors);
  }

  private static void requireLength(String name, double[] a, int n) {
    if (a == null || a.length != n) {
      throw new IllegalArgumentException(name + ": expected " + n + " entries");
    }
  }

  private static double[][] deepCopy(double[][] a) {
    if (a == null) {
      return null;
    }
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }
}
