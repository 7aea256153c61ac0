package io.evomerge.protocol;

import io.evomerge.data.Example;
import io.evomerge.merge.ControlVectors;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Body of {@code POST /v1/evaluate} (and, without {@code output}, of {@code /v1/predict}).
 * Immutable: arrays are copied in and out. Only presence is checked here; ranges and lengths are
 * checked by the service, which knows its repository and limits.
 *
 * @param strategy the merge rule; null (left out of the JSON) for the paper's asymmetric rule
 */
public record EvaluateRequest(double[] alpha, double[] beta, List<Example> examples, StrategySpec strategy) {

  public EvaluateRequest {
    alpha = Objects.requireNonNull(alpha, "alpha is required").clone();
    beta = Objects.requireNonNull(beta, "beta is required").clone();
    examples = List.copyOf(Objects.requireNonNull(examples, "examples is required"));
  }

  public static EvaluateRequest of(ControlVectors vectors, List<Example> examples) {
    return new EvaluateRequest(vectors.alpha(), vectors.beta(), examples, null);
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
    return o instanceof EvaluateRequest other
        && Arrays.equals(alpha, other.alpha)
        && Arrays.equals(beta, other.beta)
        && examples.equals(other.examples)
        && Objects.equals(strategy, other.strategy);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(alpha), Arrays.hashCode(beta), examples, strategy);
  }

  @Override
  public String toString() {
    return "EvaluateRequest[alpha=" + Arrays.toString(alpha) + ", beta=" + Arrays.toString(beta)
        + ", examples=" + examples.size() + (strategy == null ? "" : ", strategy=" + strategy.key()) + "]";
  }
}
