package io.evomerge.service;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One endpoint: method, path template ({@code {id}} for a path segment), who may call it and
 * what serves it. Immutable.
 */
public record Route(String method, String template, Access access, Handler handler) {

  /** How a route is guarded. */
  public enum Access {
    /** No key, no faults, no limits: health checks. */
    OPEN,
    /** Key required, never faulted or limited, not counted: {@code /v1/stats}. */
    STATS,
    /** Key required, faults and limits apply. */
    WORK
  }

  /** Serves a call. */
  @FunctionalInterface
  public interface Handler {
    Reply handle(Call call);
  }

  /**
   * An authenticated request to a route.
   *
   * @param owner an opaque id of the caller's key
   * @param params the values of the template's {@code {...}} segments, in order
   */
  public record Call(String owner, List<String> params, byte[] body) {}

  /** A successful answer: status and the record to write as JSON. */
  public record Reply(int status, Object body) {
    public static Reply ok(Object body) {
      return new Reply(200, body);
    }
  }

  /** The label under which {@code /v1/stats} counts this route, e.g. {@code POST /v1/evaluate}. */
  public String label() {
    return method + " " + template;
  }

  Pattern pattern() {
    return Pattern.compile(template.replaceAll("\\{[^/]+}", "([^/]+)"));
  }
}
