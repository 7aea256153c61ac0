package io.evomerge.client;

import java.util.Objects;

/**
 * A call to the merge service failed. Either {@link PermanentFailure} (the run must stop with
 * the service's message) or {@link TransientFailure} (worth retrying). Unchecked, so that it
 * crosses Spark functions unchanged. A caller that knows what the call was about (the preset, the
 * data set, the candidate's vectors) adds it with {@link #withContext}. Immutable.
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

  /** The call, e.g. {@code POST /v1/evaluate}. */
  public String call() {
    return call;
  }

  /** The HTTP status, or 0 where no answer came (timeout, reset connection). */
  public int status() {
    return status;
  }

  /** The service's error code ({@code invalid_request}), or one the client chose ({@code timeout}). */
  public String code() {
    return code;
  }

  /** The service's own message, or the client's description of what went wrong. */
  public String serviceMessage() {
    return serviceMessage;
  }

  /** What the call was about, in words, or null. */
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
