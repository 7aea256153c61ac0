package io.evomerge.service;

/**
 * An answer other than success, thrown where the problem is found and written by the handler:
 * {@code {"error": {"code", "message"}}} on the evomerge dialect's routes, FastAPI's shapes on the
 * bmm dialect's (see {@link Exchange}). Immutable.
 */
final class ApiError extends RuntimeException {

  private final int status;
  private final String code;
  private final int retryAfterSeconds;
  private final String field;

  ApiError(int status, String code, String message, int retryAfterSeconds) {
    this(status, code, message, retryAfterSeconds, null);
  }

  private ApiError(int status, String code, String message, int retryAfterSeconds, String field) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
    this.field = field;
  }

  static ApiError badRequest(String message) {
    return new ApiError(400, "invalid_request", message, 0);
  }

  static ApiError badField(String field, String message) {
    return new ApiError(400, "invalid_request", message, 0, field);
  }

  static ApiError badJson(String message) {
    return new ApiError(400, "invalid_json", message, 0);
  }

  static ApiError unauthorized(String message) {
    return new ApiError(401, "unauthorized", message, 0);
  }

  static ApiError forbidden(String message) {
    return new ApiError(403, "forbidden", message, 0);
  }

  static ApiError notFound(String message) {
    return new ApiError(404, "not_found", message, 0);
  }

  static ApiError tooLarge(long limit) {
    return new ApiError(413, "body_too_large",
        "request body exceeds the service's limit of " + limit + " bytes (max_body_bytes)", 0);
  }

  static ApiError throttled(String message, int retryAfterSeconds) {
    return new ApiError(429, "rate_limited", message, Math.max(1, retryAfterSeconds));
  }

  static ApiError overloaded(String message, int retryAfterSeconds) {
    return new ApiError(503, "overloaded", message, Math.max(1, retryAfterSeconds));
  }

  static ApiError internal(String message) {
    return new ApiError(500, "internal", message, 0);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  int retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** The body field at fault, or null when the message says it. */
  String field() {
    return field;
  }
}
