package io.evomerge.train;

/**
 * The trainable LoRA pair in double precision, with the forward and backward pass of the
 * reference scorer {@code s * (x.y + c (B^T x).(A y))} and its cross-entropy. Mutable, confined
 * to one training run (not thread-safe).
 */
final class LoraParameters {

  public final int rank;
  public final int dim;
  /** A, rank x dim, row-major. */
  public final double[] a;
  /** B, dim x rank, row-major. */
  public final double[] b;

  public LoraParameters(int rank, int dim) {
    this.rank = rank;
    this.dim = dim;
    this.a = new double[rank * dim];
    this.b = new double[dim * rank];
  }

  public LoraParameters copy() {
    LoraParameters out = new LoraParameters(rank, dim);
    System.arraycopy(a, 0, out.a, 0, a.length);
    System.arraycopy(b, 0, out.b, 0, b.length);
    return out;
  }

  /** B^T x. */
  public double[] left(float[] x) {
    double[] u = new double[rank];
    for (int k = 0; k < dim; k++) {
      double xk = x[k];
      for (int m = 0; m < rank; m++) {
        u[m] += b[k * rank + m] * xk;
      }
    }
    return u;
  }

  public double[] right(float[] y) {
    double[] v = new double[rank];
    for (int m = 0; m < rank; m++) {
      double s = 0;
      for (int k = 0; k < dim; k++) {
        s += a[m * dim + k] * y[k];
      }
      v[m] = s;
    }
    return v;
  }

  /**
   * Scores one example; when {@code gradA}/{@code gradB} are non-null adds {@code weight} times the
   * cross-entropy gradient to them. Returns {@code {loss, correct ? 1 : 0}}.
   */
  public double[] step(float[] x, float[][] ys, double[] cosines, int target, double temperature,
      double scale, double[] gradA, double[] gradB, double weight) {
    double[] u = left(x);
    double[][] v = new double[ys.length][];
    double[] logits = new double[ys.length];
    for (int j = 0; j < ys.length; j++) {
      v[j] = right(ys[j]);
      logits[j] = temperature * (cosines[j] + scale * dot(u, v[j]));
    }
    double[] p = softmax(logits);
    double loss = -Math.log(Math.max(p[target], Double.MIN_NORMAL));
    if (gradA != null) {
      backward(x, ys, u, v, p, target, temperature * scale * weight, gradA, gradB);
    }
    return new double[] {loss, argmax(logits) == target ? 1 : 0};
  }

  private void backward(float[] x, float[][] ys, double[] u, double[][] v, double[] p, int target,
      double factor, double[] gradA, double[] gradB) {
    double[] gu = new double[rank];
    for (int j = 0; j < ys.length; j++) {
      double g = factor * (p[j] - (j == target ? 1 : 0));
      for (int m = 0; m < rank; m++) {
        gu[m] += g * v[j][m];
        double gv = g * u[m];
        int row = m * dim;
        for (int k = 0; k < dim; k++) {
          gradA[row + k] += gv * ys[j][k];
        }
      }
    }
    for (int k = 0; k < dim; k++) {
      double xk = x[k];
      int row = k * rank;
      for (int m = 0; m < rank; m++) {
        gradB[row + m] += xk * gu[m];
      }
    }
  }

  static double dot(double[] u, double[] v) {
    double s = 0;
    for (int i = 0; i < u.length; i++) {
      s += u[i] * v[i];
    }
    return s;
  }

  static double[] softmax(double[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (double l : logits) {
      max = Math.max(max, l);
    }
    double[] p = new double[logits.length];
    double sum = 0;
    for (int j = 0; j < p.length; j++) {
      p[j] = Math.exp(logits[j] - max);
      sum += p[j];
    }
    for (int j = 0; j < p.length; j++) {
      p[j] /= sum;
    }
    return p;
  }

  static int argmax(double[] logits) {
    int best = 0;
    for (int j = 1; j < logits.length; j++) {
      if (logits[j] > logits[best]) {
        best = j;
      }
    }
    return best;
  }
}
