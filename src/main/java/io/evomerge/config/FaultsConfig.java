package io.evomerge.config;

import java.io.Serializable;

/**
 * Faults the reference service injects, for resilience tests and benchmarks: the
 * {@code service.embedded.faults} section. Deterministic per request: the outcome is drawn from a
 * generator seeded by ({@code seed}, the endpoint and a digest of the body, how many times that
 * same request was seen before), so the n-th sending of a body always meets the same fault
 * whatever the thread timing, and a retry may succeed. Health and stats calls are never faulted.
 * Immutable.
 *
 * <p>Kinds are drawn in this order from one uniform number: {@code errorRate} (500 or 503, half
 * each), {@code throttleRate} (429 with {@code Retry-After}), {@code hangRate} (the connection is
 * held for {@code hangMs}, past a client's timeout, before the request is served),
 * {@code truncateRate} (the answer announces its full length, sends half and closes the
 * connection), {@code garbageRate} (a 200 whose body is not JSON). The rates together are at most
 * 1.
 */
public record FaultsConfig(
    long seed,
    long latencyMs,
    long jitterMs,
    double errorRate,
    double throttleRate,
    double hangRate,
    long hangMs,
    double truncateRate,
    double garbageRate,
    int faultedAttempts,
    int throttleRetryAfterSeconds)
    implements Serializable {

  public FaultsConfig {
    Check.atLeast("latencyMs", latencyMs, 0);
    Check.atLeast("jitterMs", jitterMs, 0);
    Check.inRange("errorRate", errorRate, 0, 1);
    Check.inRange("throttleRate", throttleRate, 0, 1);
    Check.inRange("hangRate", hangRate, 0, 1);
    Check.atLeast("hangMs", hangMs, 0);
    Check.inRange("truncateRate", truncateRate, 0, 1);
    Check.inRange("garbageRate", garbageRate, 0, 1);
    Check.atLeast("faultedAttempts", faultedAttempts, 0);
    Check.atLeast("throttleRetryAfterSeconds", throttleRetryAfterSeconds, 0);
    double sum = errorRate + throttleRate + hangRate + truncateRate + garbageRate;
    if (sum > 1 + 1e-12) {
      throw new IllegalArgumentException("errorRate + throttleRate + hangRate + truncateRate + garbageRate = "
          + Check.show(sum) + ", the sum must be <= 1");
    }
  }

  public static FaultsConfig none() {
    return new FaultsConfig(0, 0, 0, 0, 0, 0, 120_000, 0, 0, 0, 1);
  }

  public boolean injectsAny() {
    return latencyMs > 0 || jitterMs > 0 || errorRate + throttleRate + hangRate + truncateRate + garbageRate > 0;
  }

  public boolean faults(int sending) {
    return faultedAttempts == 0 || sending < faultedAttempts;
  }
}
