package io.evomerge.service;

import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

/**
 * Admits work under the concurrency limit (a semaphore, never waited on) and the rate limit (a
 * token bucket holding at most one second's worth); otherwise 429 with the seconds to wait.
 * Thread-safe.
 */
public final class Admission {

  private final Semaphore slots;
  private final int concurrency;
  private final int retryAfterSeconds;
  private final double rate;
  private final double capacity;
  private final LongSupplier nanoTime;
  private double tokens;
  private long lastRefill;

  public Admission(ServiceLimits limits, LongSupplier nanoTime) {
    this.concurrency = limits.maxConcurrency();
    this.slots = new Semaphore(concurrency);
    this.retryAfterSeconds = limits.retryAfterSeconds();
    this.rate = limits.ratePerSecond();
    this.capacity = Math.max(1.0, rate);
    this.nanoTime = nanoTime;
    this.tokens = capacity;
    this.lastRefill = nanoTime.getAsLong();
  }

  /** A slot to release when the work is done; 429 when over a limit. */
  public Slot admit() {
    takeToken();
    if (!slots.tryAcquire()) {
      throw ApiError.throttled("over the concurrency limit of " + concurrency
          + " requests at once (max_concurrency); retry after " + retryAfterSeconds + " s", retryAfterSeconds);
    }
    return slots::release;
  }

  /** A held concurrency slot. */
  public interface Slot extends AutoCloseable {
    @Override
    void close();
  }

  private synchronized void takeToken() {
    if (rate <= 0) {
      return;
    }
    long now = nanoTime.getAsLong();
    tokens = Math.min(capacity, tokens + (now - lastRefill) * 1e-9 * rate);
    lastRefill = now;
    if (tokens < 1) {
      int wait = (int) Math.ceil((1 - tokens) / rate);
      throw ApiError.throttled("over the rate limit of " + rate + " requests per second (rate_per_second); "
          + "retry after " + Math.max(1, wait) + " s", wait);
    }
    tokens -= 1;
  }
}
