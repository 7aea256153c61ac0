package io.evomerge.search.cmaes;

/**
 * Eigendecomposition of a symmetric matrix: Householder reduction to tridiagonal form followed by
 * the implicit QL algorithm (the classic EISPACK tred2 / tql2 scheme). Works on the transpose of
 * the eigenvector matrix so that every inner loop runs along a row, which keeps N = 1000-5000
 * affordable; plain arithmetic, so the result is the same on every JVM. Stateless.
 */
public final class SymmetricEigen {

  private SymmetricEigen() {}

  /**
   * Decomposes the symmetric matrix given by its lower triangle: on return row j of {@code
   * vectors} is the unit eigenvector of eigenvalue {@code values[j]}. Canonical: the eigenvalues
   * ascend, and each eigenvector's entry of largest magnitude (the first of equals) is positive.
   *
   * @param lower lower triangle, row i with i + 1 entries; not modified
   * @param vectors n x n output, overwritten
   * @param values n output eigenvalues, overwritten
   */
  public static void decompose(double[][] lower, double[][] vectors, double[] values) {
    int n = values.length;
    double[][] w = vectors;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        w[i][j] = lower[i][j];
        w[j][i] = lower[i][j];
      }
    }
    double[] e = new double[n];
    tridiagonalize(w, values, e);
    diagonalize(w, values, e);
    canonicalize(w, values);
  }

  /** Sorts the eigenpairs by ascending eigenvalue and turns each vector's largest entry positive. */
  private static void canonicalize(double[][] w, double[] values) {
    int n = values.length;
    int[] idx = java.util.stream.IntStream.range(0, n).boxed()
        .sorted((a, b) -> Double.compare(values[a], values[b])).mapToInt(Integer::intValue).toArray();
    double[][] rows = w.clone();
    double[] vals = values.clone();
    for (int j = 0; j < n; j++) {
      double[] row = rows[idx[j]];
      int largest = 0;
      for (int k = 1; k < n; k++) {
        if (Math.abs(row[k]) > Math.abs(row[largest])) {
          largest = k;
        }
      }
      if (row[largest] < 0) {
        for (int k = 0; k < n; k++) {
          row[k] = -row[k];
        }
      }
      w[j] = row;
      values[j] = vals[idx[j]];
    }
  }

  /** Householder reduction; {@code w} holds V^T, so {@code w[j][k]} is V(k, j). */
  private static void tridiagonalize(double[][] w, double[] d, double[] e) {
    int n = d.length;
    for (int j = 0; j < n; j++) {
      d[j] = w[j][n - 1];
    }
    for (int i = n - 1; i > 0; i--) {
      double scale = 0;
      for (int k = 0; k < i; k++) {
        scale += Math.abs(d[k]);
      }
      double h = 0;
      if (scale == 0) {
        e[i] = d[i - 1];
        for (int j = 0; j < i; j++) {
          d[j] = w[j][i - 1];
          w[j][i] = 0;
          w[i][j] = 0;
        }
      } else {
        h = reflect(w, d, e, i, scale);
      }
      d[i] = h;
    }
    accumulate(w, d);
    e[0] = 0;
  }

  private static double reflect(double[][] w, double[] d, double[] e, int i, double scale) {
    double h = 0;
    for (int k = 0; k < i; k++) {
      d[k] /= scale;
      h += d[k] * d[k];
    }
    double f = d[i - 1];
    double g = f > 0 ? -Math.sqrt(h) : Math.sqrt(h);
    e[i] = scale * g;
    h -= f * g;
    d[i - 1] = f - g;
    java.util.Arrays.fill(e, 0, i, 0.0);
    for (int j = 0; j < i; j++) {
      double[] wj = w[j];
      f = d[j];
      w[i][j] = f;
      g = e[j] + wj[j] * f;
      for (int k = j + 1; k < i; k++) {
        g += wj[k] * d[k];
        e[k] += wj[k] * f;
      }
      e[j] = g;
    }
    f = 0;
    for (int j = 0; j < i; j++) {
      e[j] /= h;
      f += e[j] * d[j];
    }
    double hh = f / (h + h);
    for (int j = 0; j < i; j++) {
      e[j] -= hh * d[j];
    }
    for (int j = 0; j < i; j++) {
      double[] wj = w[j];
      f = d[j];
      g = e[j];
      for (int k = j; k < i; k++) {
        wj[k] -= f * e[k] + g * d[k];
      }
      d[j] = wj[i - 1];
      wj[i] = 0;
    }
    return h;
  }

  /** Accumulates the Householder transformations into V (held as V^T in {@code w}). */
  private static void accumulate(double[][] w, double[] d) {
    int n = d.length;
    for (int i = 0; i < n - 1; i++) {
      double[] next = w[i + 1];
      w[i][n - 1] = w[i][i];
      w[i][i] = 1;
      double h = d[i + 1];
      if (h != 0) {
        for (int k = 0; k <= i; k++) {
          d[k] = next[k] / h;
        }
        for (int j = 0; j <= i; j++) {
          double[] wj = w[j];
          double g = 0;
          for (int k = 0; k <= i; k++) {
            g += next[k] * wj[k];
          }
          for (int k = 0; k <= i; k++) {
            wj[k] -= g * d[k];
          }
        }
      }
      for (int k = 0; k <= i; k++) {
        next[k] = 0;
      }
    }
    for (int j = 0; j < n; j++) {
      d[j] = w[j][n - 1];
      w[j][n - 1] = 0;
    }
    w[n - 1][n - 1] = 1;
  }

  /** Implicit QL iterations on the tridiagonal (d, e), rotating the rows of {@code w}. */
  private static void diagonalize(double[][] w, double[] d, double[] e) {
    int n = d.length;
    for (int i = 1; i < n; i++) {
      e[i - 1] = e[i];
    }
    e[n - 1] = 0;
    double f = 0;
    double tst1 = 0;
    double eps = Math.ulp(1.0);
    for (int l = 0; l < n; l++) {
      tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
      int m = l;
      while (m < n - 1 && Math.abs(e[m]) > eps * tst1) {
        m++;
      }
      if (m > l) {
        do {
          f += shift(d, e, l);
          sweep(w, d, e, l, m);
        } while (Math.abs(e[l]) > eps * tst1);
      }
      d[l] += f;
      e[l] = 0;
    }
  }

  private static double shift(double[] d, double[] e, int l) {
    double g = d[l];
    double p = (d[l + 1] - g) / (2 * e[l]);
    double r = StrictMath.hypot(p, 1);
    if (p < 0) {
      r = -r;
    }
    d[l] = e[l] / (p + r);
    d[l + 1] = e[l] * (p + r);
    double h = g - d[l];
    for (int i = l + 2; i < d.length; i++) {
      d[i] -= h;
    }
    return h;
  }

  private static void sweep(double[][] w, double[] d, double[] e, int l, int m) {
    double dl1 = d[l + 1];
    double p = d[m];
    double c = 1;
    double c2 = 1;
    double c3 = 1;
    double el1 = e[l + 1];
    double s = 0;
    double s2 = 0;
    for (int i = m - 1; i >= l; i--) {
      c3 = c2;
      c2 = c;
      s2 = s;
      double g = c * e[i];
      double h = c * p;
      double r = StrictMath.hypot(p, e[i]);
      e[i + 1] = s * r;
      s = e[i] / r;
      c = p / r;
      p = c * d[i] - s * g;
      d[i + 1] = h + s * (c * g + s * d[i]);
      rotate(w[i], w[i + 1], c, s);
    }
    p = -s * s2 * c3 * el1 * e[l] / dl1;
    e[l] = s * p;
    d[l] = c * p;
  }

  private static void rotate(double[] wi, double[] wi1, double c, double s) {
    for (int k = 0; k < wi.length; k++) {
      double h = wi1[k];
      wi1[k] = s * wi[k] + c * h;
      wi[k] = c * wi[k] - s * h;
    }
  }
}
