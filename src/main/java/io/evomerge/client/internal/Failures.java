package io.evomerge.client.internal;

import io.evomerge.client.MergeServiceException;
import io.evomerge.client.PermanentFailure;
import io.evomerge.client.TransientFailure;
import io.evomerge.protocol.BmmErrorResponse;
import io.evomerge.protocol.ErrorResponse;
import io.evomerge.protocol.Json;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * Maps what came back (or did not) to a typed failure, as the README's protocol notes say: 408,
 * 429 and 5xx (but 501 and 505), timeouts, resets and unreadable bodies are transient; any other
 * non-2xx answer is permanent.
 */
public final class Failures {

  private static final int SNIPPET = 200;

  private Failures() {}

  /** Whether a non-2xx status is worth retrying: 408, 429, and 5xx except 501 and 505. */
  public static boolean isTransient(int status) {
    return status == 408 || status == 429 || (status >= 500 && status != 501 && status != 505);
  }

  /** The failure for a non-2xx answer with the given body and {@code Retry-After} header. */
  public static MergeServiceException ofStatus(
      String call, int status, byte[] body, String retryAfterHeader, Clock clock) {
    ErrorResponse.Detail detail = detail(status, body);
    if (!isTransient(status)) {
      return new PermanentFailure(call, status, detail.code(), detail.message());
    }
    Duration retryAfter = RetryAfter.parse(retryAfterHeader, clock).orElse(null);
    return new TransientFailure(call, status, detail.code(), detail.message(), retryAfter, null);
  }

  /** The failure for an attempt that got no complete answer, or an unreadable one. */
  public static TransientFailure ofIo(String call, int status, IOException e) {
    String code = e instanceof InterruptedIOException ? "timeout"
        : e instanceof com.fasterxml.jackson.core.JsonProcessingException ? "unreadable_body" : "io";
    return new TransientFailure(call, status, code, e.getClass().getSimpleName() + ": " + e.getMessage(), null, e);
  }

  /**
   * The code and message of an error body: this project's {@code {"error": {...}}}, FastAPI's
   * {@code {"detail": "..."}} or {@code {"detail": [{"loc", "msg", "type"}]}} (the paper's release),
   * or a bare text such as {@code Internal Server Error}, quoted.
   */
  private static ErrorResponse.Detail detail(int status, byte[] body) {
    try {
      ErrorResponse.Detail own = Json.lenientReader(ErrorResponse.class).<ErrorResponse>readValue(body).error();
      if (own != null) {
        return own;
      }
    } catch (IOException | RuntimeException e) {
      // not this project's shape; try FastAPI's
    }
    try {
      BmmErrorResponse fastApi = Json.lenientReader(BmmErrorResponse.class).readValue(body);
      String code = fastApi.detail().isArray() ? "validation_error" : status == 404 ? "not_found" : "http_" + status;
      return new ErrorResponse.Detail(code, fastApi.message());
    } catch (IOException | RuntimeException e) {
      return new ErrorResponse.Detail("http_" + status, "body was not an error object: " + snippet(body));
    }
  }

  private static String snippet(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
    return text.length() <= SNIPPET ? "'" + text + "'" : "'" + text.substring(0, SNIPPET) + "...'";
  }
}
