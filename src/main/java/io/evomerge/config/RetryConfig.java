package io.evomerge.config;

import java.io.Serializable;

/**
 * Patience with transient service failures (429, 5xx, timeouts, reset connections, truncated
 * bodies), measured in time: a call is retried until it succeeds or {@code maxElapsedMs} has
 * passed since its first attempt. A {@code Retry-After} the service sends is honoured as asked,
 * as long as the deadline allows; otherwise exponential backoff from {@code initialBackoffMs},
 * doubling up to {@code maxBackoffMs}, each delay spread by {@code ±jitter} of itself. Jitter
 * shapes timing only, never a result. Immutable; this is the client's one retry setting (the
 * YAML section {@code service.retry} binds to it).
 */
public record RetryConfig(long maxElapsedMs, int maxAttempts, long initialBackoffMs, long maxBackoffMs,
    double jitter) implements Serializable {

  public RetryConfig {
    Check.positive("maxElapsedMs", maxElapsedMs);
    Check.atLeast("maxAttempts", maxAttempts, 0);
    Check.positive("initialBackoffMs", initialBackoffMs);
    if (maxBackoffMs < initialBackoffMs) {
      throw Check.invalid("maxBackoffMs", maxBackoffMs,
          "must be >= initialBackoffMs (" + initialBackoffMs + ")");
    }
    Check.inRange("jitter", jitter, 0, 1);
  }

  /** 10 minutes of patience, no attempt cap, 200 ms doubling up to 10 s, jitter 0.5. */
  public static RetryConfig defaults() {
    return new RetryConfig(600_000, 0, 200, 10_000, 0.5);
  }

  public boolean allowsAttemptAfter(int attempt) {
    return maxAttempts == 0 || attempt < maxAttempts;
  }
}
