package io.evomerge.client;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the attempts of a {@link MergeClient}, each kind in its own adder: one per Spark task, for
 * the job's accumulators. A test may extend it to see each call; overrides must stay thread-safe
 * and quick. Thread-safe.
 */
public class CallCounter {

  private final LongAdder attempts = new LongAdder();
  private final LongAdder answers = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder failures = new LongAdder();

  public void onAttempt(String call) {
    attempts.increment();
  }

  public void onAnswer(String call) {
    answers.increment();
  }

  /** An attempt failed transiently and another follows after {@code delayMs}. */
  public void onRetry(String call, MergeServiceException failure, long delayMs) {
    retries.increment();
  }

  /** A call failed for good (refused, or out of patience). */
  public void onFailure(String call, MergeServiceException failure) {
    failures.increment();
  }

  public CallCounts counts() {
    return new CallCounts(attempts.sum(), answers.sum(), retries.sum(), failures.sum());
  }
}
