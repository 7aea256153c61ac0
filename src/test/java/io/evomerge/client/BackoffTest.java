package io.evomerge.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    assertEquals(100, Failures.exponential(RETRY, 1));
    assertEquals(200, Failures.exponential(RETRY, 2));
    assertEquals(400, Failures.exponential(RETRY, 3));
    assertEquals(800, Failures.exponential(RETRY, 4));
    assertEquals(1000, Failures.exponential(RETRY, 5));
    assertEquals(1000, Failures.exponential(RETRY, 60));
  }

  @Test
  void jitterSpreadsADelayByItsFractionWithinTheMaximum() {
    SplittableRandom random = new SplittableRandom(1);
    assertEquals(50, Failures.jittered(RETRY, 100, 0.0));
    assertEquals(100, Failures.jittered(RETRY, 100, 0.5));
    assertEquals(1000, Failures.jittered(RETRY, 800, 0.99));
    for (int i = 0; i < 200; i++) {
      long delay = Failures.delay(RETRY, 2, new RuntimeException(), random.nextDouble()).toMillis();
      assertTrue(delay >= 100 && delay <= 300, "delay " + delay);
    }
  }

  @Test
  void aRetryAfterReplacesTheBackoffAsAsked() {
    assertEquals(Duration.ofSeconds(3), Failures.delay(RETRY, 1, throttled(Duration.ofSeconds(3)), 0.5));
    assertEquals(Duration.ofSeconds(600), Failures.delay(RETRY, 1, throttled(Duration.ofSeconds(600)), 0.5));
  }

  static TransientFailure throttled(Duration wait) {
    return new TransientFailure("POST /v1/evaluate", 429, "rate_limited", "slow down", wait, false, null, null);
  }

  @Test
  void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
    Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    assertEquals(Optional.of(Duration.ofSeconds(7)), Failures.retryAfter("7", clock));
    assertEquals(Optional.of(Duration.ofSeconds(90)), Failures.retryAfter("Wed, 01 Jan 2025 00:01:30 GMT", clock));
    assertEquals(Optional.of(Duration.ZERO), Failures.retryAfter("Tue, 31 Dec 2024 23:00:00 GMT", clock));
    assertEquals(Optional.empty(), Failures.retryAfter("soon", clock));
    assertEquals(Optional.empty(), Failures.retryAfter(null, clock));
  }
}
