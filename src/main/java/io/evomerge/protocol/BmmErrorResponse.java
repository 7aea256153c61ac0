package io.evomerge.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The error body of the bmm dialect, FastAPI's: {@code {"detail": "Unknown session."}} (404), or
 * {@code {"detail": [{"loc": [...], "msg": "...", "type": "..."}]}} (422). Immutable.
 */
public record BmmErrorResponse(JsonNode detail) {

  public BmmErrorResponse {
    Objects.requireNonNull(detail, "detail is required");
  }

  public static BmmErrorResponse of(String text) {
    return new BmmErrorResponse(Json.mapper().getNodeFactory().textNode(text));
  }

  /** The detail as one line: the text, or each validation error as {@code loc: msg}, joined. */
  public String message() {
    if (!detail.isArray()) {
      return detail.asText();
    }
    StringJoiner out = new StringJoiner("; ");
    for (JsonNode error : detail) {
      StringJoiner loc = new StringJoiner(".");
      error.path("loc").forEach(part -> loc.add(part.asText()));
      out.add(loc + ": " + error.path("msg").asText());
    }
    return out.toString();
  }
}
