package io.evomerge.job.output;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.evomerge.merge.ControlVectors;
import io.evomerge.report.AdapterWeight;
import io.evomerge.report.ComparisonRow;
import io.evomerge.report.TestScore;
import io.evomerge.search.Method;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What one method achieved: its best merge and how that merge scores. Immutable. In JSON the
 * merge appears twice, as {@code adapters} ({@code [{adapter, alpha, beta}]}) and as the plain
 * {@code alpha} and {@code beta} vectors in adapter order; only {@code adapters} is read back.
 *
 * @param method the method id, for example {@code evo-merging}
 * @param adapters the best merge, one entry per adapter in control-vector order
 * @param fitness the best fitness ({@code fitnessLoss} plus the stage's penalty); NaN where the
 *     method has no search, as JSON {@code "NaN"}
 * @param fitnessLoss mean loss of the best merge on the fitness set
 * @param test scores of the best merge on the test set
 * @param apiCalls merge-service calls the method spent
 * @param evaluations candidates the method evaluated
 */
@JsonPropertyOrder({"method", "adapters", "alpha", "beta", "fitness", "fitnessLoss", "test",
    "apiCalls", "evaluations"})
@JsonIgnoreProperties(value = {"alpha", "beta"}, allowGetters = true)
public record MethodResult(String method, List<AdapterWeight> adapters, double fitness,
    double fitnessLoss, TestScore test, long apiCalls, long evaluations) {

  public MethodResult {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(test, "test");
    adapters = List.copyOf(adapters);
    if (apiCalls < 0 || evaluations < 0) {
      throw new IllegalArgumentException("apiCalls and evaluations must be >= 0");
    }
  }

  /** The result of {@code method} whose best merge is {@code vectors} over {@code adapterIds}. */
  public static MethodResult of(Method method, List<String> adapterIds, ControlVectors vectors,
      double fitness, double fitnessLoss, TestScore test, long apiCalls, long evaluations) {
    return new MethodResult(method.id(), AdapterWeight.of(adapterIds, vectors), fitness,
        fitnessLoss, test, apiCalls, evaluations);
  }

  @JsonProperty("alpha")
  public double[] alpha() {
    return adapters.stream().mapToDouble(AdapterWeight::alpha).toArray();
  }

  @JsonProperty("beta")
  public double[] beta() {
    return adapters.stream().mapToDouble(AdapterWeight::beta).toArray();
  }

  /** This method's line in the comparison table; best-single's names the adapter it picked. */
  public ComparisonRow toComparisonRow() {
    return new ComparisonRow(label(), test.accuracy(), test.macroF1(), fitnessLoss, apiCalls);
  }

  private String label() {
    if (!method.equals(Method.BEST_SINGLE.id()) || adapters.isEmpty()) {
      return method;
    }
    AdapterWeight picked =
        adapters.stream().max(Comparator.comparingDouble(w -> Math.abs(w.beta()))).orElseThrow();
    return method + " (" + picked.adapter() + ")";
  }
}
