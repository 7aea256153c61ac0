package io.evomerge.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Counts like a {@link CallCounter} and also keeps every retry and failure, for assertions. */
final class RecordingListener extends CallCounter {

  record Retry(String call, int status, String code, long delayMs) {}

  final List<Retry> retries = new CopyOnWriteArrayList<>();
  final List<MergeServiceException> failures = new CopyOnWriteArrayList<>();

  @Override
  public void onRetry(String call, MergeServiceException failure, long delayMs) {
    super.onRetry(call, failure, delayMs);
    retries.add(new Retry(call, failure.status(), failure.code(), delayMs));
  }

  @Override
  public void onFailure(String call, MergeServiceException failure) {
    super.onFailure(call, failure);
    failures.add(failure);
  }
}
