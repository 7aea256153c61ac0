package io.evomerge.protocol;

import java.io.Serializable;
import java.util.Objects;

/**
 * The merged model's answer on one example (a result of {@code /v1/evaluate}).
 *
 * @param loss cross-entropy of the target over the options (NaN for prediction-only calls)
 */
public record ExampleResult(String id, double loss, String prediction, boolean correct)
    implements Serializable {
  public ExampleResult {
    Objects.requireNonNull(id, "id");
  }
}
