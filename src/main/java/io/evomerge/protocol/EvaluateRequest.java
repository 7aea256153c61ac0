package io.evomerge.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.evomerge.data.Example;
import io.evomerge.merge.ControlVectors;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Body of {@code POST /v1/evaluate} (and, without {@code output}, of {@code /v1/predict}).
 * Immutable: arrays are copied in and out. Only presence is checked here; ranges and lengths
 * depend on the service's repository and limits and are checked there, naming the field.
 *
 * @param alpha keep-fractions, one per adapter
 * @param beta scales, one per adapter
 * @param examples the examples to score, in the order results come back
 * @param strategy the merge rule, optional: absent (null) means the paper's asymmetric rule; left
 *     out of the JSON when null, so a default request is byte-for-byte what it was before the field
 */
public record EvaluateRequest(double[] alpha, double[] beta, List<Example> examples, StrategySpec strategy) {

  @JsonCreator
  public EvaluateRequest(@JsonProperty("alpha") double[] alpha, @JsonProperty("beta") double[] beta,
      @JsonProperty("examples") List<Example> examples, @JsonProperty("strategy") StrategySpec strategy) {
    this.alpha = Objects.requireNonNull(alpha, "alpha is required").clone();
    this.beta = Objects.requireNonNull(beta, "beta is required").clone();
    this.examples = List.copyOf(Objects.requireNonNull(examples, "examples is required"));
    this.strategy = strategy;
  }

  public EvaluateRequest(double[] alpha, double[] beta, List<Example> examples) {
    this(alpha, beta, examples, null);
  }

  public static EvaluateRequest of(ControlVectors vectors, List<Example> examples) {
    return new EvaluateRequest(vectors.alpha(), vectors.beta(), examples);
  }

  /** This request merged with {@code newStrategy} instead (null: the default rule). */
  public EvaluateRequest withStrategy(StrategySpec newStrategy) {
    return new EvaluateRequest(alpha, beta, examples, newStrategy);
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
