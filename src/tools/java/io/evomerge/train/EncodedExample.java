package io.evomerge.train;

import java.util.Arrays;

/**
 * One example with its texts already embedded: the prompt {@code x}, the option embeddings and the
 * target option's index. Holds its arrays without copying (it is a private working form of the
 * trainer, built by {@link EncodedSet}); treat as read-only.
 */
record EncodedExample(float[] x, float[][] options, int target, double[] cosines) {

  static EncodedExample of(float[] x, float[][] options, int target) {
    double[] cos = new double[options.length];
    for (int j = 0; j < options.length; j++) {
      double s = 0;
      for (int k = 0; k < x.length; k++) {
        s += (double) x[k] * options[j][k];
      }
      cos[j] = s;
    }
    return new EncodedExample(x, options, target, cos);
  }

  @Override
  public String toString() {
    return "EncodedExample[target=" + target + ", options=" + options.length + ", cos=" + Arrays.toString(cosines) + "]";
  }
}
