package io.evomerge.client;

import java.util.Objects;

/**
 * A call to the merge service failed: {@link PermanentFailure} (the run stops with the service's
 * message) or {@link TransientFailure} (worth retrying). Unchecked, so that it crosses Spark
 * functions unchanged. Its parts: the {@code call} ({@code POST /v1/evaluate}); the HTTP {@code
 * status}, 0 where no answer came; the service's error {@code code}, or the client's ({@code
 * timeout}); the service's message, or the client's; what the caller added with {@link
 * #withContext}, or null. Immutable.
 */
public abstract sealed class MergeServiceException extends RuntimeException
    permits PermanentFailure, TransientFailure {

  private final String call;
  private final int status;
  private final String code;
  private final String serviceMessage;

  MergeServiceException(
      String call, int status, String code, String serviceMessage, String context, Throwable cause) {
    super(describe(call, status, code, serviceMessage, context), cause);
    this.call = Objects.requireNonNull(call);
    this.status = status;
    this.code = Objects.requireNonNull(code);
    this.serviceMessage = Objects.requireNonNull(serviceMessage);
  }

  public String call() {
    return call;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String serviceMessage() {
    return serviceMessage;
  }

  /** The same failure, its message starting with {@code what} (e.g. the session and vector). */
  public abstract MergeServiceException withContext(String what);

  private static String describe(String call, int status, String code, String message, String context) {
    String answer = status == 0 ? "got no answer" : "answered " + status;
    String text = "merge service " + answer + " (" + code + ") to " + call + ": " + message;
    return context == null ? text : context + ": " + text;
  }
}
