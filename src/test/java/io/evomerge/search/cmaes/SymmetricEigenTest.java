package io.evomerge.search.cmaes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

  /** A random symmetric matrix with a spread of eigenvalues, as its lower triangle. */
  private static double[][] randomSymmetric(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] lower = new double[n][];
    for (int i = 0; i < n; i++) {
      lower[i] = new double[i + 1];
      for (int j = 0; j <= i; j++) {
        lower[i][j] = r.nextDouble() - 0.5;
      }
      lower[i][i] += Math.pow(10, 3.0 * i / n);
    }
    return lower;
  }

  private static double entry(double[][] lower, int i, int j) {
    return i >= j ? lower[i][j] : lower[j][i];
  }

  @Test
  void eachRowIsAUnitEigenvectorOfItsEigenvalue() {
    for (int n : new int[] {1, 2, 7, 60}) {
      double[][] a = randomSymmetric(n, n);
      double[][] v = new double[n][n];
      double[] values = new double[n];
      SymmetricEigen.decompose(a, v, values);
      for (int j = 0; j < n; j++) {
        for (int i = 0; i < n; i++) {
          double av = 0;
          for (int k = 0; k < n; k++) {
            av += entry(a, i, k) * v[j][k];
          }
          assertEquals(values[j] * v[j][i], av, 1e-10 * (1 + Math.abs(values[j])));
        }
        for (int k = 0; k < n; k++) {
          double dot = 0;
          for (int i = 0; i < n; i++) {
            dot += v[j][i] * v[k][i];
          }
          assertEquals(j == k ? 1.0 : 0.0, dot, 1e-12);
        }
      }
    }
  }

  @Test
  void findsTheSameEigenvaluesAsCommonsMath() {
    int n = 40;
    double[][] a = randomSymmetric(n, 3);
    double[][] full = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        full[i][j] = entry(a, i, j);
      }
    }
    double[] expected = new EigenDecomposition(new Array2DRowRealMatrix(full)).getRealEigenvalues();
    double[] actual = new double[n];
    SymmetricEigen.decompose(a, new double[n][n], actual);
    Arrays.sort(expected);
    Arrays.sort(actual);
    assertArrayEquals(expected, actual, 1e-10);
  }

  @Test
  void handlesADiagonalMatrix() {
    double[][] a = {{3}, {0, 1}, {0, 0, 2}};
    double[] values = new double[3];
    SymmetricEigen.decompose(a, new double[3][3], values);
    Arrays.sort(values);
    assertArrayEquals(new double[] {1, 2, 3}, values, 1e-15);
  }
}
