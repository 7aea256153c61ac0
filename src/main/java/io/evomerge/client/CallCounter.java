package io.evomerge.client;

import java.util.concurrent.atomic.LongAdder;

/** A {@link CallListener} that counts: one per Spark task, for the job's accumulators. Thread-safe. */
public final class CallCounter implements CallListener {

  private final LongAdder attempts = new LongAdder();
  private final LongAdder answers = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder failures = new LongAdder();

  @Override
  public void onAttempt(String call) {
    attempts.increment();
  }

  @Override
  public void onAnswer(String call) {
    answers.increment();
  }

  @Override
  public void onRetry(String call, MergeServiceException failure, long delayMs) {
    retries.increment();
  }

  @Override
  public void onFailure(String call, MergeServiceException failure) {
    failures.increment();
  }

  public CallCounts counts() {
    return new CallCounts(attempts.sum(), answers.sum(), retries.sum(), failures.sum());
  }
}
