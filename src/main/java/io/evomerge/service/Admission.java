package io.evomerge.service;

import io.evomerge.config.LimitsConfig;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Admits a request on its headers, before its body is read: the rate limit (a token bucket of one
 * second's worth), the concurrency limit (a semaphore, never waited on) and the byte budget of
 * bodies in flight. Over the rate or concurrency limit: 429; over the byte budget: 503; both with
 * {@code Retry-After} and a message naming the limit. Thread-safe.
 */
final class Admission {

  private final Semaphore slots;
  private final int concurrency;
  private final int retryAfterSeconds;
  private final double rate;
  private final double capacity;
  private final long budget;
  private final LongSupplier nanoTime;
  private double tokens;
  private long lastRefill;
  private final AtomicLong bytesHeld = new AtomicLong();

  Admission(LimitsConfig limits, LongSupplier nanoTime) {
    this.concurrency = limits.concurrency();
    this.slots = new Semaphore(concurrency);
    this.retryAfterSeconds = limits.retryAfterSeconds();
    this.rate = limits.rateLimitPerSecond();
    this.capacity = Math.max(1.0, rate);
    this.budget = limits.maxBodyBytesInFlight();
    this.nanoTime = nanoTime;
    this.tokens = capacity;
    this.lastRefill = nanoTime.getAsLong();
  }

  Ticket admit(long bodyBytes) {
    takeToken();
    if (!slots.tryAcquire()) {
      throw busy();
    }
    long held = bytesHeld.getAndUpdate(h -> h + bodyBytes > budget ? h : h + bodyBytes);
    if (held + bodyBytes > budget) {
      slots.release();
      throw ApiError.overloaded("request bodies in flight would exceed the service's budget of " + budget
          + " bytes (max_body_bytes_in_flight); retry after " + retryAfterSeconds + " s", retryAfterSeconds);
    }
    return new Ticket(bodyBytes);
  }

  private ApiError busy() {
    return ApiError.throttled("over the concurrency limit of " + concurrency
        + " requests at once (max_concurrency); retry after " + retryAfterSeconds + " s", retryAfterSeconds);
  }

  /**
   * A request's share: one concurrency slot (which a hang gives up while it waits, and takes back
   * after) and its bytes of the budget. Closing it twice is harmless. Thread-safe.
   */
  final class Ticket implements AutoCloseable {
    private final long bytes;
    private boolean slot = true;
    private boolean closed;

    private Ticket(long bytes) {
      this.bytes = bytes;
    }

    synchronized void releaseSlot() {
      if (slot && !closed) {
        slot = false;
        slots.release();
      }
    }

    synchronized void reacquireSlot() {
      if (!slot && !closed) {
        if (!slots.tryAcquire()) {
          throw busy();
        }
        slot = true;
      }
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      if (slot) {
        slots.release();
      }
      bytesHeld.addAndGet(-bytes);
    }
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
