package io.evomerge.client;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure a retry may fix: 429, 5xx, timeouts, reset connections, truncated or non-JSON bodies.
 * Carries the {@code Retry-After} asked for, if any, and whether the attempt failed on a stale
 * pooled connection (the request never reached the service: retried at once). Immutable.
 */
public final class TransientFailure extends MergeServiceException {

  private final Duration retryAfter;
  private final boolean staleConnection;

  TransientFailure(String call, int status, String code, String serviceMessage, Duration retryAfter,
      boolean staleConnection, String context, Throwable cause) {
    super(call, status, code, serviceMessage, context, cause);
    this.retryAfter = retryAfter;
    this.staleConnection = staleConnection;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  public boolean staleConnection() {
    return staleConnection;
  }

  @Override
  public TransientFailure withContext(String what) {
    return new TransientFailure(call(), status(), code(), serviceMessage(), retryAfter, staleConnection, what, this);
  }
}
