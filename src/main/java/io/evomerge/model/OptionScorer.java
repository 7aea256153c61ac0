package io.evomerge.model;

import io.evomerge.merge.MergedLora;

/**
 * The reference scorer over one example's options:
 * {@code score(x, y) = s * (x . y + scale * (B^T x) . (A y))}, i.e. {@code s * x^T (I + delta_W) y}
 * without forming delta_W. Stateless and thread-safe.
 */
final class OptionScorer {

  private OptionScorer() {}

  static double[] logits(MergedLora merged, double temperature, float[] x, float[][] ys) {
    double[] u = merged.projectLeft(x);
    double[] logits = new double[ys.length];
    for (int j = 0; j < ys.length; j++) {
      double[] v = merged.projectRight(ys[j]);
      double lowRank = 0;
      for (int m = 0; m < u.length; m++) {
        lowRank += u[m] * v[m];
      }
      logits[j] = temperature * (dot(x, ys[j]) + merged.scale() * lowRank);
    }
    return logits;
  }

  static double crossEntropy(double[] logits, int target) {
    double max = Double.NEGATIVE_INFINITY;
    for (double l : logits) {
      max = Math.max(max, l);
    }
    double sum = 0;
    for (double l : logits) {
      sum += Math.exp(l - max);
    }
    return max + Math.log(sum) - logits[target];
  }

  /** The index of the largest logit; the first one wins a tie. */
  static int argmax(double[] logits) {
    int best = 0;
    for (int j = 1; j < logits.length; j++) {
      if (logits[j] > logits[best]) {
        best = j;
      }
    }
    return best;
  }

  static double dot(float[] x, float[] y) {
    double sum = 0;
    for (int k = 0; k < x.length; k++) {
      sum += (double) x[k] * y[k];
    }
    return sum;
  }
}
