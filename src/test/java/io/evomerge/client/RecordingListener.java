package io.evomerge.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Counts like a {@link CallCounter} and also keeps every retry and failure, for assertions. */
final class RecordingListener implements CallListener {

  record Retry(String call, int status, String code, long delayMs) {}

  final CallCounter counter = new CallCounter();
  final List<Retry> retries = new CopyOnWriteArrayList<>();
  final List<MergeServiceException> failures = new CopyOnWriteArrayList<>();

  @Override
  public void onAttempt(String call) {
    counter.onAttempt(call);
  }

  @Override
  public void onRetry(String call, MergeServiceException failure, long delayMs) {
    counter.onRetry(call, failure, delayMs);
    retries.add(new Retry(call, failure.status(), failure.code(), delayMs));
  }

  @Override
  public void onAnswer(String call) {
    counter.onAnswer(call);
  }

  @Override
  public void onFailure(String call, MergeServiceException failure) {
    counter.onFailure(call, failure);
    failures.add(failure);
  }

  CallCounts counts() {
    return counter.counts();
  }
}
