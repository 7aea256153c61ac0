package io.evomerge.merge.whitebox;

import io.evomerge.merge.ControlVectors;

/** Helpers shared by the white-box rules, which read {@code beta} as per-adapter weights. */
final class Weights {

  private Weights() {}

  static void check(ControlVectors vectors, int adapters) {
    if (vectors.size() != adapters) {
      throw new IllegalArgumentException("control vectors have " + vectors.size()
          + " entries but the repository has " + adapters + " adapters");
    }
  }

  static void addScaled(double[] sum, float[] values, double weight) {
    if (weight == 0) {
      return;
    }
    for (int j = 0; j < values.length; j++) {
      sum[j] += weight * values[j];
    }
  }
}
