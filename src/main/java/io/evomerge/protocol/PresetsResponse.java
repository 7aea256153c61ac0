package io.evomerge.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Answer of {@code GET /v1/presets} (dialect bmm), in the shape of the paper's release:
 * {@code {"items": [...]}}. A preset names a base model and its adapters, but the adapters
 * themselves are not listed: a session's {@code adapter_count} gives the vectors' length.
 * Immutable.
 */
public record PresetsResponse(List<Preset> items) implements Serializable {

  public PresetsResponse {
    items = List.copyOf(Objects.requireNonNull(items, "items is required"));
  }

  /** The ids of the presets, in the service's order. */
  public List<String> presetIds() {
    return items.stream().map(Preset::presetId).toList();
  }

  /**
   * One preset of the service.
   *
   * @param presetId the id a session is opened with
   * @param path the preset's file on the service
   * @param baseModel the base model the preset's adapters were trained from
   */
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
