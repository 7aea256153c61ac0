package io.evomerge.service;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One endpoint: method, path template ({@code {id}} for a path segment), who may call it, its
 * dialect (which decides the shape of its errors) and what serves it. Immutable.
 */
record Route(String method, String template, Access access, boolean bmm, Handler handler) {

  enum Access {
    /** No key, no faults, no limits, no body: health checks and limits, answered at once, never waiting for a slot. */
    OPEN,
    /** Key required, never faulted or limited, not counted: {@code /v1/stats}. */
    STATS,
    WORK
  }

  @FunctionalInterface
  interface Handler {
    Reply handle(Call call);
  }

  @FunctionalInterface
  interface Liveness {
    /** Returns when the call may go on; otherwise throws the {@link ApiError} that ends it. */
    void check();

    Liveness ALWAYS = () -> { };
  }

  /**
   * An authenticated request to a route.
   *
   * @param owner an opaque id of the caller's key
   * @param params the values of the template's {@code {...}} segments, in order
   * @param live checked between examples, so that scoring stops with its client
   */
  record Call(String owner, List<String> params, byte[] body, Liveness live) {}

  record Reply(int status, Object body) {
    static Reply ok(Object body) {
      return new Reply(200, body);
    }
  }

  String label() {
    return method + " " + template;
  }

  Pattern pattern() {
    return Pattern.compile(template.replaceAll("\\{[^/]+}", "([^/]+)"));
  }
}
