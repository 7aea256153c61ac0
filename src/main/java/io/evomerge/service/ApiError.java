package io.evomerge.service;

/**
 * An answer other than success, thrown where the problem is found and written as
 * {@code {"error": {"code", "message"}}} by the handler. Immutable.
 */
public final class ApiError extends RuntimeException {

  private final int status;
  private final String code;
  private final int retryAfterSeconds;

  public ApiError(int status, String code, String message, int retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static ApiError badRequest(String message) {
    return new ApiError(400, "invalid_request", message, 0);
  }

  public static ApiError badJson(String message) {
    return new ApiError(400, "invalid_json", message, 0);
  }

  public static ApiError unauthorized(String message) {
    return new ApiError(401, "unauthorized", message, 0);
  }

  public static ApiError forbidden(String message) {
    return new ApiError(403, "forbidden", message, 0);
  }

  public static ApiError notFound(String message) {
    return new ApiError(404, "not_found", message, 0);
  }

  public static ApiError tooLarge(long limit) {
    return new ApiError(413, "body_too_large",
        "request body exceeds the service's limit of " + limit + " bytes (max_body_bytes)", 0);
  }

  public static ApiError throttled(String message, int retryAfterSeconds) {
    return new ApiError(429, "rate_limited", message, Math.max(1, retryAfterSeconds));
  }

  public static ApiError internal(String message) {
    return new ApiError(500, "internal", message, 0);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** Seconds for the {@code Retry-After} header, or 0 for none. */
  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
