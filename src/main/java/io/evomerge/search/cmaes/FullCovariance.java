package io.evomerge.search.cmaes;

/**
 * A full covariance matrix {@code C = B D^2 B^T}, stored as its lower triangle, updated as pycma's
 * {@code GaussFullSampler} does: {@code C <- (1 - c1a - cmu sum(w)) C + c1 pc pc^T + cmu sum_k
 * w_k' u_k u_k^T}, where a negative weight is rescaled to {@code w_k n / ||z_k||^2} (the
 * candidate's squared Mahalanobis length). Its eigendecomposition ({@link SymmetricEigen}) is
 * refreshed lazily, every {@link Parameters#eigenGap()} evaluations, so a generation costs
 * O(lambda n^2) and the O(n^3) decomposition is amortised. The eigenvectors are kept as rows (B
 * transposed) so that sampling runs along rows. Not thread-safe.
 */
final class FullCovariance implements CovarianceMatrix {

  private final int n;
  private final double[][] lower;
  private final double[][] b;
  private final double[] d;
  private final double[] scratch;
  private long decomposedAt;

  private FullCovariance(double[][] lower, double[][] b, double[] d, long decomposedAt) {
    this.n = d.length;
    this.lower = lower;
    this.b = b;
    this.d = d;
    this.scratch = new double[n];
    this.decomposedAt = decomposedAt;
  }

  /**
   * pycma's start: the identity up to {@code C_ii = exp(1e-4 i / n)}, its guard against equal
   * eigenvalues.
   */
  static FullCovariance initial(int n) {
    double[][] lower = new double[n][];
    double[][] b = new double[n][n];
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      lower[i] = new double[i + 1];
      lower[i][i] = StrictMath.exp(1e-4 / n * i);
      b[i][i] = 1;
      d[i] = Math.sqrt(lower[i][i]);
    }
    return new FullCovariance(lower, b, d, 0);
  }

  /** A saved state: the lower triangle of C, its eigenvectors (one per row) and D. Copies. */
  static FullCovariance of(double[][] lower, double[][] b, double[] d, long decomposedAt) {
    int n = d.length;
    if (lower.length != n || b.length != n) {
      throw new IllegalArgumentException("covariance: expected " + n + " rows");
    }
    double[][] lo = new double[n][];
    double[][] bb = new double[n][];
    for (int i = 0; i < n; i++) {
      if (lower[i].length != i + 1 || b[i].length != n) {
        throw new IllegalArgumentException("covariance: row " + i + " has the wrong length");
      }
      lo[i] = lower[i].clone();
      bb[i] = b[i].clone();
    }
    return new FullCovariance(lo, bb, d.clone(), decomposedAt);
  }

  @Override
  public void sample(double[] z, double[] y) {
    for (int j = 0; j < n; j++) {
      scratch[j] = d[j] * z[j];
    }
    rotate(scratch, y);
  }

  /** {@code out = B z = sum_j z_j * (eigenvector j)}, row by row. */
  @Override
  public void rotate(double[] z, double[] out) {
    java.util.Arrays.fill(out, 0.0);
    for (int j = 0; j < n; j++) {
      double[] vector = b[j];
      double a = z[j];
      for (int i = 0; i < n; i++) {
        out[i] += a * vector[i];
      }
    }
  }

  @Override
  public void update(Parameters p, double[] pc, boolean hsig, double[][] steps, double[][] normals,
      double[] scaling, long evaluations) {
    double c1a = CovarianceMatrix.c1a(p, hsig);
    double[] w = p.weights();
    double[] a = new double[steps.length];
    double sum = c1a;
    for (int k = 0; k < steps.length; k++) {
      a[k] = p.cmu() * w[k];
      sum += a[k];
      if (a[k] < 0) {
        // pycma: a negative step counts with squared Mahalanobis length n, ||C^(-1/2) u|| = ||z||
        double norm = 0;
        for (double v : normals[k]) {
          norm += v * v;
        }
        norm = Math.sqrt(norm) + 1e-9;
        a[k] *= n / (norm * norm);
      }
    }
    double factor = 1 - sum;
    for (int i = 0; i < n; i++) {
      double[] row = lower[i];
      double a1 = p.c1() * pc[i];
      for (int j = 0; j <= i; j++) {
        row[j] = factor * row[j] + a1 * pc[j];
      }
      for (int k = 0; k < steps.length; k++) {
        double[] y = steps[k];
        double ak = a[k] * y[i];
        if (ak != 0) {
          for (int j = 0; j <= i; j++) {
            row[j] += ak * y[j];
          }
        }
      }
    }
    if (evaluations - decomposedAt >= p.eigenGap()) {
      decompose();
      decomposedAt = evaluations;
    }
  }

  @Override
  public double variance(int i) {
    return lower[i][i];
  }

  private void decompose() {
    double[] values = new double[n];
    SymmetricEigen.decompose(lower, b, values);
    double max = 0;
    for (double value : values) {
      max = Math.max(max, value);
    }
    for (int j = 0; j < n; j++) {
      d[j] = Math.sqrt(Math.max(values[j], 1e-30 * max));
    }
  }

  @Override
  public double condition(double[] scaling) {
    double max = 0;
    double min = Double.POSITIVE_INFINITY;
    for (double v : d) {
      max = Math.max(max, v);
      min = Math.min(min, v);
    }
    return (max / min) * (max / min);
  }

  /** A copy of the lower triangle of C (row i has i + 1 entries). */
  double[][] lowerTriangle() {
    return deepCopy(lower);
  }

  /** A copy of the eigenvectors, one per row: row j belongs to eigenvalue {@code scales[j]^2}. */
  double[][] eigenvectors() {
    return deepCopy(b);
  }

  /** A copy of D, the square roots of the eigenvalues. */
  double[] scales() {
    return d.clone();
  }

  /** The evaluation count of the last decomposition. */
  long decomposedAt() {
    return decomposedAt;
  }

  private static double[][] deepCopy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }
}
