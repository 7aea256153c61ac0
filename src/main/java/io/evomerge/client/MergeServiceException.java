package io.evomerge.client;

import java.util.Objects;

/**
 * A call to the merge service failed. Either {@link PermanentFailure} (the run must stop with
 * the service's message) or {@link TransientFailure} (worth retrying). Unchecked, so that it
 * crosses Spark functions unchanged. A caller that knows what the call was about (the preset, the
 * data set, the candidate's vectors) adds it with {@link #withContext}. Immutable.
 * Its parts: the {@code call} ({@code POST /v1/evaluate}); the HTTP {@code status}, 0 where no
 * answer came; the service's error {@code code}, or the client's ({@code timeout}); the service's
 * message, or the client's description; the {@code context}, or null.
 */
public abstract sealed class MergeServiceException extends RuntimeException
    permits PermanentFailure, TransientFailure {

  private final String call;
  private final int status;
  private final String code;
  private final String serviceMessage;
  private final String context;

  MergeServiceException(
      String call, int status, String code, String serviceMessage, String context, Throwable cause) {
    super(describe(call, status, code, serviceMessage, context), cause);
    this.call = Objects.requireNonNull(call);
    this.status = status;
    this.code = Objects.requireNonNull(code);
    this.serviceMessage = Objects.requireNonNull(serviceMessage);
    this.context = context;
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

  public String context() {
    return context;
  }

  /** Whether retrying may help. */
  public abstract boolean isTransient();

  /** The same failure, its message starting with {@code what} (e.g. the session, preset and vector). */
  public abstract MergeServiceException withContext(String what);

  private static String describe(String call, int status, String code, String message, String context) {
    String answer = status == 0 ? "got no answer" : "answered " + status;
    String text = "merge service " + answer + " (" + code + ") to " + call + ": " + message;
    return context == null ? text : context + ": " + text;
  }
}
