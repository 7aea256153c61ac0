package io.evomerge.client.internal;

import io.evomerge.config.RetryConfig;
import io.evomerge.client.TransientFailure;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The delay before a retry: what the service asked for in {@code Retry-After}, as asked (the
 * caller's deadline decides whether it can wait that long), otherwise exponential backoff with
 * jitter. Jitter only spreads the
 * timing of retries, never what a call returns. Thread-safe (the generator is guarded).
 */
public final class Backoff {

  private final RetryConfig settings;
  private final RandomGenerator jitterSource;

  public Backoff(RetryConfig settings, RandomGenerator jitterSource) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.jitterSource = Objects.requireNonNull(jitterSource, "jitterSource");
  }

  /** The delay after failed attempt number {@code attempt} (1 for the first). */
  public Duration delay(int attempt, Throwable failure) {
    Optional<Duration> asked = failure instanceof TransientFailure t ? t.retryAfter() : Optional.empty();
    if (asked.isPresent()) {
      return asked.get();
    }
    return Duration.ofMillis(jittered(exponential(attempt), nextUniform()));
  }

  /** {@code initial * 2^(attempt-1)}, at most {@code maxBackoffMs}. */
  public long exponential(int attempt) {
    int doublings = Math.max(0, Math.min(attempt - 1, 40));
    double delay = settings.initialBackoffMs() * Math.pow(2, doublings);
    return (long) Math.min(delay, settings.maxBackoffMs());
  }

  /** {@code base} spread by {@code ±jitter} for {@code u} in [0, 1), kept within [0, maxBackoffMs]. */
  public long jittered(long base, double u) {
    double spread = 1 + settings.jitter() * (2 * u - 1);
    return Math.max(0, Math.min(Math.round(base * spread), settings.maxBackoffMs()));
  }

  private double nextUniform() {
    synchronized (jitterSource) {
      return jitterSource.nextDouble();
    }
  }
}
