package io.evomerge.job;

import io.evomerge.client.CallCounts;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link CallMetrics} in this JVM's atomic longs, for evaluation without Spark (tests and the
 * benchmarks in src/bench/java). Thread-safe.
 */
public record LocalCallMetrics(AtomicLong attempts, AtomicLong answers, AtomicLong retries, AtomicLong failures)
    implements CallMetrics {

  /** Counters at zero. */
  public static LocalCallMetrics counters() {
    return new LocalCallMetrics(new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong());
  }

  @Override
  public void add(CallCounts counts) {
    attempts.addAndGet(counts.attempts());
    answers.addAndGet(counts.answers());
    retries.addAndGet(counts.retries());
    failures.addAndGet(counts.failures());
  }

  @Override
  public CallCounts total() {
    return new CallCounts(attempts.get(), answers.get(), retries.get(), failures.get());
  }
}
