package io.evomerge.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/** Answer of {@code GET /v1/repository}; {@code adapters} in the order of every control vector. */
@JsonPropertyOrder({"base_model", "adapters"})
public record RepositoryResponse(
    @JsonProperty("base_model") String baseModel, List<AdapterInfo> adapters) implements Serializable {

  public RepositoryResponse {
    Objects.requireNonNull(baseModel, "base_model is required");
    adapters = List.copyOf(Objects.requireNonNull(adapters, "adapters is required"));
  }
}
