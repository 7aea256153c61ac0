package io.evomerge.job;

import io.evomerge.client.CallCounts;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Measures what one evaluation costs, as the service counts it: the attempts finished tasks
 * reported through {@code metrics}, plus the calls {@code lost} charged for failed task attempts.
 * Lives on the driver; not thread-safe (one evaluation at a time).
 */
record Meter(CallMetrics metrics, LostTasks lost) {

  private static final Duration LISTENER_WAIT = Duration.ofSeconds(30);

  /** What an evaluation returned, and what it cost. Immutable. */
  record Metered<T>(T value, CallUsage usage) {}

  /** The result of {@code work}, which plans {@code calls} calls sending {@code examples} examples. */
  <T> Metered<T> measure(long calls, long examples, Supplier<T> work) {
    CallCounts before = metrics.total();
    long chargedBefore = lost.charged();
    long jobs = lost.jobsEnded();
    T value = work.get();
    try {
      lost.awaitJobs(jobs + 1, LISTENER_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    CallCounts after = metrics.total();
    return new Metered<>(value, new CallUsage(calls, after.attempts() - before.attempts(),
        after.answers() - before.answers(), after.retries() - before.retries(),
        after.failures() - before.failures(), lost.charged() - chargedBefore, examples));
  }
}
