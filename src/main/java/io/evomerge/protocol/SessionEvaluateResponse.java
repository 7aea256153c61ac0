package io.evomerge.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.Serializable;
import java.util.Objects;

/**
 * Answer of {@code POST /v1/sessions/{id}/evaluate}: the mean loss over the session's evaluation
 * batches, and the name under which the service identifies the merged adapter. Immutable.
 */
@JsonPropertyOrder({"loss", "adapter_dir"})
public record SessionEvaluateResponse(double loss, @JsonProperty("adapter_dir") String adapterDir)
    implements Serializable {
  public SessionEvaluateResponse {
    Objects.requireNonNull(adapterDir, "adapter_dir is required");
  }
}
