package io.evomerge.merge;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The two control vectors a user sends with every merge request:
 * {@code alpha[i]} in [0,1] is the fraction of adapter i's LoRA-A entries kept by magnitude,
 * {@code beta[i]} the signed scale of adapter i. Immutable: arrays are copied in and out.
 */
public record ControlVectors(double[] alpha, double[] beta) implements Serializable {

  public ControlVectors {
    if (alpha.length != beta.length) {
      throw new IllegalArgumentException(
          "alpha has " + alpha.length + " entries but beta has " + beta.length);
    }
    for (int i = 0; i < alpha.length; i++) {
      if (!(alpha[i] >= 0.0 && alpha[i] <= 1.0)) {
        throw new IllegalArgumentException("alpha[" + i + "] = " + alpha[i] + " is not in [0, 1]");
      }
      if (!Double.isFinite(beta[i])) {
        throw new IllegalArgumentException("beta[" + i + "] = " + beta[i] + " is not finite");
      }
    }
    alpha = alpha.clone();
    beta = beta.clone();
  }

  public static ControlVectors uniform(int adapters) {
    double[] alpha = new double[adapters];
    double[] beta = new double[adapters];
    Arrays.fill(alpha, 1.0);
    Arrays.fill(beta, 1.0 / adapters);
    return new ControlVectors(alpha, beta);
  }

  public static ControlVectors of(double[] alpha, double[] beta) {
    return new ControlVectors(alpha, beta);
  }

  public int size() {
    return alpha.length;
  }

  @Override
  public double[] alpha() {
    return alpha.clone();
  }

  @Override
  public double[] beta() {
    return beta.clone();
  }

  public double alpha(int i) {
    return alpha[i];
  }

  public double beta(int i) {
    return beta[i];
  }

  public ControlVectors withAlpha(double[] newAlpha) {
    return new ControlVectors(newAlpha, beta);
  }

  public ControlVectors withBeta(double[] newBeta) {
    return new ControlVectors(alpha, newBeta);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ControlVectors other
        && Arrays.equals(alpha, other.alpha)
        && Arrays.equals(beta, other.beta);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(alpha) + Arrays.hashCode(beta);
  }

  @Override
  public String toString() {
    return "ControlVectors[alpha=" + Arrays.toString(alpha) + ", beta=" + Arrays.toString(beta) + "]";
  }
}
