package io.evomerge.client;

import io.evomerge.config.RetryConfig;
import io.evomerge.protocol.BmmErrorResponse;
import io.evomerge.protocol.ErrorResponse;
import io.evomerge.protocol.Json;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Maps what came back (or did not) to a typed failure: 408, 429 and 5xx (but 501 and 505),
 * timeouts, resets and unreadable bodies are transient; any other non-2xx is permanent. And how
 * long to wait before a retry: the {@code Retry-After} asked for, else exponential backoff with
 * jitter (which spreads the timing of retries, never a result).
 */
final class Failures {

  private Failures() {}

  static MergeServiceException ofStatus(
      String call, int status, byte[] body, String retryAfterHeader, Clock clock) {
    ErrorResponse.Detail detail = detail(status, body);
    if (status != 408 && status != 429 && (status < 500 || status == 501 || status == 505)) {
      return new PermanentFailure(call, status, detail.code(), detail.message(), null, null);
    }
    Duration retryAfter = retryAfter(retryAfterHeader, clock).orElse(null);
    return new TransientFailure(call, status, detail.code(), detail.message(), retryAfter, false, null, null);
  }

  /** The failure of an attempt without a readable answer; {@code stale}: on a dead pooled connection. */
  static TransientFailure ofIo(String call, int status, IOException e, boolean stale) {
    String code = e instanceof InterruptedIOException ? "timeout"
        : e instanceof com.fasterxml.jackson.core.JsonProcessingException ? "unreadable_body" : "io";
    return new TransientFailure(call, status, code, e.getClass().getSimpleName() + ": " + e.getMessage(), null,
        stale, null, e);
  }

  /** The code and message of an error body: this project's, FastAPI's, or a bare text, quoted. */
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

  /** The delay before retrying after failed attempt {@code attempt} (1 for the first), jittered by {@code u}. */
  static Duration delay(RetryConfig retry, int attempt, Throwable failure, double u) {
    Optional<Duration> asked = failure instanceof TransientFailure t ? t.retryAfter() : Optional.empty();
    return asked.orElseGet(() -> Duration.ofMillis(jittered(retry, exponential(retry, attempt), u)));
  }

  /** {@code initialBackoffMs * 2^(attempt-1)}, at most {@code maxBackoffMs}. */
  static long exponential(RetryConfig retry, int attempt) {
    double delay = retry.initialBackoffMs() * Math.pow(2, Math.max(0, Math.min(attempt - 1, 40)));
    return (long) Math.min(delay, retry.maxBackoffMs());
  }

  /** {@code base} spread by {@code ±jitter} for {@code u} in [0, 1), kept within [0, maxBackoffMs]. */
  static long jittered(RetryConfig retry, long base, double u) {
    double spread = 1 + retry.jitter() * (2 * u - 1);
    return Math.max(0, Math.min(Math.round(base * spread), retry.maxBackoffMs()));
  }

  /** The delay a {@code Retry-After} header asks for: delay-seconds or an HTTP-date, never negative. */
  static Optional<Duration> retryAfter(String header, Clock clock) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.trim();
    if (value.chars().allMatch(Character::isDigit)) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(value.length() > 9 ? "999999999" : value)));
    }
    try {
      ZonedDateTime when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration wait = Duration.between(clock.instant(), when.toInstant());
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String snippet(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
    return text.length() <= 200 ? "'" + text + "'" : "'" + text.substring(0, 200) + "...'";
  }
}
