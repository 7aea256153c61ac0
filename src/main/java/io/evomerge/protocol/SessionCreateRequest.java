package io.evomerge.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.Serializable;
import java.util.Objects;

/**
 * Body of {@code POST /v1/sessions} (bmm), as the paper's release declares it. Immutable.
 *
 * @param modelNameOrPath another base model than the preset's; null for the preset's
 */
@JsonPropertyOrder({"preset_id", "model_name_or_path", "query_plus"})
public record SessionCreateRequest(
    @JsonProperty("preset_id") String presetId,
    @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("model_name_or_path") String modelNameOrPath,
    @JsonProperty("query_plus") QueryPlus queryPlus) implements Serializable {

  public SessionCreateRequest {
    Objects.requireNonNull(presetId, "preset_id is required");
  }

  public static SessionCreateRequest of(String presetId, QueryPlus queryPlus) {
    return new SessionCreateRequest(presetId, null, queryPlus);
  }
}
