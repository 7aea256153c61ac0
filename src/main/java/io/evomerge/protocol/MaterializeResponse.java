package io.evomerge.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.Serializable;
import java.util.Objects;

/** Answer of {@code POST /v1/sessions/{id}/materialize} (bmm): where the merged adapter is kept. */
@JsonPropertyOrder({"adapter_dir", "session"})
public record MaterializeResponse(@JsonProperty("adapter_dir") String adapterDir, SessionInfo session)
    implements Serializable {
  public MaterializeResponse {
    Objects.requireNonNull(adapterDir, "adapter_dir is required");
  }
}
