package io.evomerge.job.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evomerge.merge.ControlVectors;
import io.evomerge.report.TestScore;
import io.evomerge.search.Method;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** A complete sample result over three adapters, with two compared methods. */
final class ResultSamples {

  static final List<String> ADAPTERS = List.of("sentiment-movies", "topic-news", "spam-sms");

  private ResultSamples() {}

  static JsonNode configuration(String yamlLikeJson) {
    try {
      return new ObjectMapper().readTree(yamlLikeJson);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ResultJson result(Instant started, Instant finished) {
    MethodResult best = MethodResult.of(Method.EVO_MERGING, ADAPTERS,
        ControlVectors.of(new double[] {0.9, 0.35, 1.0}, new double[] {0.61, -0.42, 0.1}),
        0.4012345678901234, 0.3712, new TestScore(200, 0.402, 0.845, 0.8391), 2400, 1200);
    MethodResult uniform = MethodResult.of(Method.UNIFORM, ADAPTERS, ControlVectors.uniform(3),
        Double.NaN, 0.8123, new TestScore(200, 0.79, 0.635, 0.6011), 20, 1);
    MethodResult lorahub = MethodResult.of(Method.LORAHUB, ADAPTERS,
        ControlVectors.of(new double[] {1, 1, 1}, new double[] {0.5, 0.2, 0.0}),
        0.47, 0.452, new TestScore(200, 0.5, 0.7925, 0.781), 1200, 600);
    JsonNode config = configuration(
        "{\"service\":{\"url\":\"embedded\",\"apiKeyEnv\":\"EVOMERGE_API_KEY\"},\"seed\":42,"
            + "\"budgets\":{\"maxApiCalls\":5000}}");
    return new ResultJson("run-42", 42, best, List.of(uniform, lorahub), null,
        new ApiUsage(3620, 54300, 3, 0, 3620, 3620, 0), config, Timing.of(started, finished), null);
  }

  static ResultJson result() {
    return result(Instant.parse("2025-03-01T10:00:00Z"), Instant.parse("2025-03-01T10:04:05.250Z"));
  }
}
