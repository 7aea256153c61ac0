package io.evomerge.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.Serializable;

/**
 * Answer of {@code GET /v1/limits}: what the service accepts, checked by a client before it spends
 * a call (the README's "Protocol notes: limits"). Immutable.
 *
 * @param maxTextChars most characters of one text field (instruction, input, output, option)
 * @param betaBound every {@code beta[i]} must lie in [-betaBound, betaBound]
 */
@JsonPropertyOrder({"max_body_bytes", "max_examples_per_call", "max_options_per_example",
    "max_text_chars", "beta_bound"})
public record LimitsResponse(
    @JsonProperty("max_body_bytes") long maxBodyBytes,
    @JsonProperty("max_examples_per_call") int maxExamplesPerCall,
    @JsonProperty("max_options_per_example") int maxOptionsPerExample,
    @JsonProperty("max_text_chars") int maxTextChars,
    @JsonProperty("beta_bound") double betaBound) implements Serializable {}
