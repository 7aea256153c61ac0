package io.evomerge.client;

/**
 * Observes the attempts of a {@link MergeClient}; a {@link CallCounter} counts them.
 * Implementations must be thread-safe and quick; the default methods do nothing.
 */
public interface CallListener {

  CallListener NONE = new CallListener() {};

  default void onAttempt(String call) {}

  default void onAnswer(String call) {}

  /** An attempt failed transiently and another follows after {@code delayMs}. */
  default void onRetry(String call, MergeServiceException failure, long delayMs) {}

  /** A call failed for good (refused, or out of patience). */
  default void onFailure(String call, MergeServiceException failure) {}
}
