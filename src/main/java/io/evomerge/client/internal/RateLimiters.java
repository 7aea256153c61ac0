package io.evomerge.client.internal;

import dev.failsafe.RateLimiter;
import java.time.Duration;

/**
 * Rate limiters of one client (one Spark task): a task gets its share of the job-wide
 * {@code service.rateLimitPerSecond}, so the tasks running at once together keep to the limit. It
 * holds timing state only, never anything a result depends on.
 */
public final class RateLimiters {

  /** How long an attempt may wait for a permit before it fails. */
  public static final Duration MAX_WAIT = Duration.ofMinutes(10);

  private RateLimiters() {}

  /** A smooth limiter of {@code ratePerSecond} attempts per second. */
  public static RateLimiter<Object> of(double ratePerSecond) {
    if (!(ratePerSecond > 0) || !Double.isFinite(ratePerSecond)) {
      throw new IllegalArgumentException("ratePerSecond = " + ratePerSecond + " must be > 0 and finite");
    }
    long nanosPerPermit = Math.max(1, Math.round(1e9 / ratePerSecond));
    return RateLimiter.smoothBuilder(Duration.ofNanos(nanosPerPermit)).withMaxWaitTime(MAX_WAIT).build();
  }
}
