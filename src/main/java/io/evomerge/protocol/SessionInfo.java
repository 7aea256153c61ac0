package io.evomerge.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.Serializable;
import java.util.Objects;

/**
 * Answer of {@code POST /v1/sessions} and {@code GET /v1/sessions/{id}} (bmm), field for field as
 * the paper's release answers. Immutable.
 *
 * @param workdir the session's folder on the service, where merged adapters are written
 * @param adapterCount N, the length of every control vector
 */
@JsonPropertyOrder({"session_id", "preset_id", "workdir", "model_name_or_path", "query_plus", "adapter_count"})
public record SessionInfo(
    @JsonProperty("session_id") String sessionId,
    @JsonProperty("preset_id") String presetId,
    String workdir,
    @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("model_name_or_path") String modelNameOrPath,
    @JsonProperty("query_plus") QueryPlus queryPlus,
    @JsonProperty("adapter_count") int adapterCount) implements Serializable {

  public SessionInfo {
    Objects.requireNonNull(sessionId, "session_id is required");
    Objects.requireNonNull(presetId, "preset_id is required");
  }

  public long examplesPerEvaluation() {
    return queryPlus == null ? (long) QueryPlus.DEFAULT_BATCH_SIZE * QueryPlus.DEFAULT_EVALUATION_BATCHES
        : (long) queryPlus.batchSize() * queryPlus.evaluationBatches();
  }
}
