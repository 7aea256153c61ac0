package io.evomerge.client;

/**
 * Observes the attempts of a {@link MergeClient}: each attempt sent, each answer, each retry,
 * each call given up. A {@link CallCounter} counts them; the job adds the counts to Spark
 * accumulators. Implementations must be thread-safe and quick; the default methods do nothing.
 */
public interface CallListener {

  CallListener NONE = new CallListener() {};

  /** An HTTP attempt is about to be sent. */
  default void onAttempt(String call) {}

  /** An attempt was answered with a 2xx. */
  default void onAnswer(String call) {}

  /** An attempt failed transiently and another follows after {@code delayMs}. */
  default void onRetry(String call, MergeServiceException failure, long delayMs) {}

  /** A call failed for good (refused, or out of patience). */
  default void onFailure(String call, MergeServiceException failure) {}
}
