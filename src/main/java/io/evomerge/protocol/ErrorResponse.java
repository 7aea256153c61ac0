package io.evomerge.protocol;

import java.util.Objects;

/** Every error body: {@code {"error": {"code": "...", "message": "..."}}}. Immutable. */
public record ErrorResponse(Detail error) {

  public ErrorResponse {
    Objects.requireNonNull(error, "error is required");
  }

  public static ErrorResponse of(String code, String message) {
    return new ErrorResponse(new Detail(code, message));
  }

  /** A stable machine-readable {@code code} ({@code invalid_request}), and what was wrong. */
  public record Detail(String code, String message) {
    public Detail {
      Objects.requireNonNull(code, "code is required");
      message = message == null ? "" : message;
    }
  }
}
