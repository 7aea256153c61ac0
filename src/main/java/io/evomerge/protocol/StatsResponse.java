package io.evomerge.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Answer of {@code GET /v1/stats}: exact counts since the service started. Immutable.
 *
 * @param calls responses sent, by endpoint ({@code "POST /v1/evaluate"}) and then by status
 *     ({@code "200"}); calls to {@code /v1/stats} itself are not counted
 * @param faults injected faults by kind ({@code "http_503"}, {@code "hang"}, ...)
 */
@JsonPropertyOrder({"calls", "examples_scored", "examples_predicted", "faults"})
public record StatsResponse(
    Map<String, Map<String, Long>> calls,
    @JsonProperty("examples_scored") long examplesScored,
    @JsonProperty("examples_predicted") long examplesPredicted,
    Map<String, Long> faults) {

  public StatsResponse {
    TreeMap<String, Map<String, Long>> sorted = new TreeMap<>();
    Objects.requireNonNull(calls, "calls is required")
        .forEach((endpoint, byStatus) -> sorted.put(endpoint, Collections.unmodifiableMap(new TreeMap<>(byStatus))));
    calls = Collections.unmodifiableMap(sorted);
    faults = Collections.unmodifiableMap(new TreeMap<>(faults == null ? Map.of() : faults));
  }

  public long calls(String endpoint, int status) {
    return calls.getOrDefault(endpoint, Map.of()).getOrDefault(Integer.toString(status), 0L);
  }

  public long calls(String endpoint) {
    return calls.getOrDefault(endpoint, Map.of()).values().stream().mapToLong(Long::longValue).sum();
  }

  public long faults(String kind) {
    return faults.getOrDefault(kind, 0L);
  }
}
