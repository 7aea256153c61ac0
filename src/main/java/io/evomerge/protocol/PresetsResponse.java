package io.evomerge.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Answer of {@code GET /v1/presets} (bmm), as the paper's release answers. The adapters are not
 * listed: a session's {@code adapter_count} gives the vectors' length. Immutable.
 */
public record PresetsResponse(List<Preset> items) implements Serializable {

  public PresetsResponse {
    items = List.copyOf(Objects.requireNonNull(items, "items is required"));
  }

  public List<String> presetIds() {
    return items.stream().map(Preset::presetId).toList();
  }

  /** One preset: the id a session is opened with, its file on the service, its base model. */
  @JsonPropertyOrder({"preset_id", "path", "base_model_name_or_path"})
  public record Preset(
      @JsonProperty("preset_id") String presetId,
      String path,
      @JsonProperty("base_model_name_or_path") String baseModel) implements Serializable {
    public Preset {
      Objects.requireNonNull(presetId, "preset_id is required");
    }
  }
}
