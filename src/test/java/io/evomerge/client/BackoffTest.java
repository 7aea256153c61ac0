package io.evomerge.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.client.internal.Backoff;
import io.evomerge.client.internal.RetryAfter;
import io.evomerge.config.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

  static final RetryConfig RETRY = new RetryConfig(30_000, 8, 100, 1000, 0.5);

  @Test
  void theBackoffDoublesFromTheInitialDelayUpToTheMaximum() {
    Backoff backoff = new Backoff(RETRY, new SplittableRandom(1));
    assertEquals(100, backoff.exponential(1));
    assertEquals(200, backoff.exponential(2));
    assertEquals(400, backoff.exponential(3));
    assertEquals(800, backoff.exponential(4));
    assertEquals(1000, backoff.exponential(5));
    assertEquals(1000, backoff.exponential(60));
  }

  @Test
  void jitterSpreadsADelayByItsFractionWithinTheMaximum() {
    Backoff backoff = new Backoff(RETRY, new SplittableRandom(1));
    assertEquals(50, backoff.jittered(100, 0.0));
    assertEquals(100, backoff.jittered(100, 0.5));
    assertEquals(1000, backoff.jittered(800, 0.99));
    for (int i = 0; i < 200; i++) {
      long delay = backoff.delay(2, new RuntimeException()).toMillis();
      assertTrue(delay >= 100 && delay <= 300, "delay " + delay);
    }
  }

  @Test
  void aRetryAfterReplacesTheBackoffAsAsked() {
    Backoff backoff = new Backoff(RETRY, new SplittableRandom(1));
    assertEquals(Duration.ofSeconds(3), backoff.delay(1, throttled(Duration.ofSeconds(3))));
    assertEquals(Duration.ofSeconds(600), backoff.delay(1, throttled(Duration.ofSeconds(600))));
  }

  static TransientFailure throttled(Duration wait) {
    return new TransientFailure("POST /v1/evaluate", 429, "rate_limited", "slow down", wait, null);
  }

  @Test
  void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
    Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse("7", clock));
    assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.parse("Wed, 01 Jan 2025 00:01:30 GMT", clock));
    assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Tue, 31 Dec 2024 23:00:00 GMT", clock));
    assertEquals(Optional.empty(), RetryAfter.parse("soon", clock));
    assertEquals(Optional.empty(), RetryAfter.parse(null, clock));
  }
}
