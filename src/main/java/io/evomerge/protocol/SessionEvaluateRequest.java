package io.evomerge.protocol;

import io.evomerge.merge.ControlVectors;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * Body of {@code POST /v1/sessions/{id}/evaluate} and {@code /materialize} (bmm). Immutable:
 * arrays are copied. {@code tag}, echoed into {@code adapter_dir}, may be null.
 */
public record SessionEvaluateRequest(double[] alpha, double[] beta, String tag) implements Serializable {

  public SessionEvaluateRequest {
    alpha = Objects.requireNonNull(alpha, "alpha is required").clone();
    beta = Objects.requireNonNull(beta, "beta is required").clone();
  }

  public static SessionEvaluateRequest of(ControlVectors vectors, String tag) {
    return new SessionEvaluateRequest(vectors.alpha(), vectors.beta(), tag);
  }

  @Override
  public double[] alpha() {
    return alpha.clone();
  }

  @Override
  public double[] beta() {
    return beta.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionEvaluateRequest other
        && Arrays.equals(alpha, other.alpha)
        && Arrays.equals(beta, other.beta)
        && Objects.equals(tag, other.tag);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(alpha), Arrays.hashCode(beta), tag);
  }

  @Override
  public String toString() {
    return "SessionEvaluateRequest[alpha=" + Arrays.toString(alpha) + ", beta="
        + Arrays.toString(beta) + ", tag=" + tag + "]";
  }
}
