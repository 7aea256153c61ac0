package io.evomerge.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/** Answer of {@code POST /v1/predict}: the best option of each example, in request order. */
@JsonPropertyOrder({"predictions", "usage", "merge_id"})
public record PredictResponse(
    List<Prediction> predictions, Usage usage, @JsonProperty("merge_id") String mergeId)
    implements Serializable {

  public PredictResponse {
    predictions = List.copyOf(Objects.requireNonNull(predictions, "predictions is required"));
    Objects.requireNonNull(usage, "usage is required");
    Objects.requireNonNull(mergeId, "merge_id is required");
  }

  public record Prediction(String id, String prediction) implements Serializable {
    public Prediction {
      Objects.requireNonNull(id, "id is required");
      Objects.requireNonNull(prediction, "prediction is required");
    }
  }
}
