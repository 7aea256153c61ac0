package io.evomerge.merge;

import java.util.Arrays;

/**
 * The merged low-rank update {@code delta_W = scale * B A} of a bilinear map on {@code dim}-sized
 * embeddings, with {@code B} of shape {@code dim x rank} and {@code A} of shape {@code rank x dim},
 * both row-major. A dense update can be represented with {@code rank = dim} and {@code A = I}, so
 * white-box merge strategies fit this shape too. Immutable: arrays are copied in and out.
 *
 * @param scale the factor in front of {@code B A} (for LoRA: {@code lora_alpha / r})
 * @param b {@code dim * rank} values, row-major
 * @param a {@code rank * dim} values, row-major
 */
public record MergedLora(int dim, int rank, double scale, double[] b, double[] a) {

  public MergedLora {
    if (dim <= 0 || rank <= 0) {
      throw new IllegalArgumentException("dim " + dim + " and rank " + rank + " must be > 0");
    }
    if (b.length != dim * rank || a.length != rank * dim) {
      throw new IllegalArgumentException("B has " + b.length + " and A " + a.length
          + " values, expected " + dim * rank + " each");
    }
    if (!Double.isFinite(scale)) {
      throw new IllegalArgumentException("scale " + scale + " is not finite");
    }
    b = b.clone();
    a = a.clone();
  }

  @Override
  public double[] b() {
    return b.clone();
  }

  @Override
  public double[] a() {
    return a.clone();
  }

  /** {@code B^T x}: the rank-sized projection of a left-hand embedding. */
  public double[] projectLeft(float[] x) {
    double[] u = new double[rank];
    for (int k = 0; k < dim; k++) {
      double xk = x[k];
      int row = k * rank;
      for (int m = 0; m < rank; m++) {
        u[m] += b[row + m] * xk;
      }
    }
    return u;
  }

  public double[] projectRight(float[] y) {
    double[] v = new double[rank];
    for (int m = 0; m < rank; m++) {
      double sum = 0;
      int row = m * dim;
      for (int k = 0; k < dim; k++) {
        sum += a[row + k] * y[k];
      }
      v[m] = sum;
    }
    return v;
  }

  /** {@code x^T delta_W y = scale * (B^T x) . (A y)}, without forming the d x d matrix. */
  public double bilinear(float[] x, float[] y) {
    return scale * dot(projectLeft(x), projectRight(y));
  }

  /** delta_W(row, col) = scale * sum_m B(row, m) A(m, col); for tests and small checks. */
  public double delta(int row, int col) {
    double sum = 0;
    for (int m = 0; m < rank; m++) {
      sum += b[row * rank + m] * a[m * dim + col];
    }
    return scale * sum;
  }

  static double dot(double[] u, double[] v) {
    double sum = 0;
    for (int i = 0; i < u.length; i++) {
      sum += u[i] * v[i];
    }
    return sum;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MergedLora other && dim == other.dim && rank == other.rank
        && Double.compare(scale, other.scale) == 0
        && Arrays.equals(b, other.b) && Arrays.equals(a, other.a);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Double.hashCode(scale) + Arrays.hashCode(b)) + Arrays.hashCode(a);
  }

  @Override
  public String toString() {
    return "MergedLora[dim=" + dim + ", rank=" + rank + ", scale=" + scale + "]";
  }
}
