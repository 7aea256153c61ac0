package io.evomerge.client;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure a retry may fix: 429, 5xx, timeouts, reset connections, truncated or non-JSON
 * bodies. Carries the {@code Retry-After} the service asked for, if any, and whether the attempt
 * failed on a reused connection before any byte of an answer came back (then the request never
 * reached the service, and it is retried at once on a fresh connection). Immutable.
 */
public final class TransientFailure extends MergeServiceException {

  private final Duration retryAfter;
  private final boolean staleConnection;

  public TransientFailure(
      String call, int status, String code, String serviceMessage, Duration retryAfter, Throwable cause) {
    this(call, status, code, serviceMessage, retryAfter, false, null, cause);
  }

  TransientFailure(String call, int status, String code, String serviceMessage, Duration retryAfter,
      boolean staleConnection, String context, Throwable cause) {
    super(call, status, code, serviceMessage, context, cause);
    this.retryAfter = retryAfter;
    this.staleConnection = staleConnection;
  }

  /** The same failure, marked as one of a pooled connection the server had closed. */
  public TransientFailure onStaleConnection() {
    return new TransientFailure(call(), status(), code(), serviceMessage(), retryAfter, true, context(), getCause());
  }

  /** How long the service asked the client to wait, when it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** Whether it failed on a reused connection before any byte of the answer came back. */
  public boolean staleConnection() {
    return staleConnection;
  }

  @Override
  public boolean isTransient() {
    return true;
  }

  @Override
  public TransientFailure withContext(String what) {
    return new TransientFailure(call(), status(), code(), serviceMessage(), retryAfter, staleConnection, what, this);
  }
}
