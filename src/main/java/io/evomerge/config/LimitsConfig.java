package io.evomerge.config;

import java.io.Serializable;

/**
 * What the reference merge service accepts and how much it serves at once: the
 * {@code service.embedded.limits} section, and the settings {@code serve} runs with. Every request
 * beyond a limit is refused with an answer that names it; {@code GET /v1/limits} advertises the
 * per-request ones. Immutable.
 */
public record LimitsConfig(
    long maxBodyBytes,
    int maxExamplesPerCall,
    int maxOptionsPerExample,
    int maxTextChars,
    double betaBound,
    int maxConcurrent,
    double rateLimitPerSecond,
    int retryAfterSeconds,
    long maxBodyBytesInFlight,
    long idleTimeoutMs,
    long requestDeadlineMs,
    int maxSessions,
    int maxEvaluationBatches)
    implements Serializable {

  public LimitsConfig {
    Check.positive("maxBodyBytes", maxBodyBytes);
    Check.positive("maxExamplesPerCall", maxExamplesPerCall);
    Check.atLeast("maxOptionsPerExample", maxOptionsPerExample, 2);
    Check.positive("maxTextChars", maxTextChars);
    Check.positive("betaBound", betaBound);
    Check.atLeast("maxConcurrent", maxConcurrent, 0);
    Check.nonNegative("rateLimitPerSecond", rateLimitPerSecond);
    Check.positive("retryAfterSeconds", retryAfterSeconds);
    Check.atLeast("maxBodyBytesInFlight", maxBodyBytesInFlight, maxBodyBytes);
    Check.positive("idleTimeoutMs", idleTimeoutMs);
    Check.positive("requestDeadlineMs", requestDeadlineMs);
    Check.positive("maxSessions", maxSessions);
    Check.positive("maxEvaluationBatches", maxEvaluationBatches);
  }

  public static LimitsConfig defaults() {
    return new LimitsConfig(8L << 20, 256, 64, 16_384, 10.0, 0, 0, 1, 64L << 20, 30_000, 60_000, 1024, 1000);
  }

  /**
   * The calls served at once: {@code maxConcurrent}, or when 0, four per core and at least 16.
   * Scoring is CPU-bound: more calls at once would only share the cores and stretch every call's
   * latency towards a client's timeout (64 on 2 cores gave a p95 of 40 s); a call over the limit
   * is told to come back instead (429 with {@code Retry-After}).
   */
  public int concurrency() {
    return maxConcurrent > 0 ? maxConcurrent : Math.max(16, 4 * Runtime.getRuntime().availableProcessors());
  }
}
