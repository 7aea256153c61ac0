package io.evomerge.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Answer of {@code POST /v1/evaluate}: one result per example, in request order. Immutable.
 *
 * @param mergeId hex digest of the control vectors the service merged with
 */
@JsonPropertyOrder({"results", "usage", "merge_id"})
public record EvaluateResponse(
    List<ExampleResult> results, Usage usage, @JsonProperty("merge_id") String mergeId)
    implements Serializable {

  public EvaluateResponse {
    results = List.copyOf(Objects.requireNonNull(results, "results is required"));
    Objects.requireNonNull(usage, "usage is required");
    Objects.requireNonNull(mergeId, "merge_id is required");
  }

  /** Mean loss over the results (NaN for none). */
  public double meanLoss() {
    return results.stream().mapToDouble(ExampleResult::loss).average().orElse(Double.NaN);
  }
}
