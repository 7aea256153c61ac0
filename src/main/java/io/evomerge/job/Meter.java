package io.evomerge.job;

import io.evomerge.client.CallCounts;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Measures what one evaluation costs, as the service counts it: the attempts finished tasks
 * reported through {@link CallMetrics}, plus the calls charged by {@link LostTasks} for failed
 * task attempts. Lives on the driver; not thread-safe (one evaluation at a time).
 */
interface Meter {

  /** The result of {@code work}, which plans {@code calls} calls sending {@code examples} examples. */
  <T> Metered<T> measure(long calls, long examples, Supplier<T> work);

  /** What an evaluation returned, and what it cost. Immutable. */
  record Metered<T>(T value, CallUsage usage) {}

  /** Charges exactly the plan: for evaluators that make no real calls (tests, benchmarks). */
  static Meter planned() {
    return new Meter() {
      @Override
      public <T> Metered<T> measure(long calls, long examples, Supplier<T> work) {
        return new Metered<>(work.get(), new CallUsage(calls, calls, calls, 0, 0, 0, examples));
      }
    };
  }

  /** Reads {@code metrics} and {@code lost} around each Spark evaluation job. */
  static Meter of(CallMetrics metrics, LostTasks lost) {
    return new SparkMeter(metrics, lost);
  }

  /** The Spark implementation. */
  final class SparkMeter implements Meter {
    private static final Duration LISTENER_WAIT = Duration.ofSeconds(30);

    private final CallMetrics metrics;
    private final LostTasks lost;

    SparkMeter(CallMetrics metrics, LostTasks lost) {
      this.metrics = metrics;
      this.lost = lost;
    }

    @Override
    public <T> Metered<T> measure(long calls, long examples, Supplier<T> work) {
      CallCounts before = metrics.total();
      long chargedBefore = lost.charged();
      long jobs = lost.jobsEnded();
      T value = work.get();
      awaitListener(jobs + 1);
      CallUsage usage = CallUsage.between(before, metrics.total(), lost.charged() - chargedBefore,
          calls, examples);
      return new Metered<>(value, usage);
    }

    private void awaitListener(long jobs) {
      try {
        lost.awaitJobs(jobs, LISTENER_WAIT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
