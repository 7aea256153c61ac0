package io.evomerge.service;

import io.evomerge.data.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One endpoint: method, path template ({@code {id}} for a path segment), who may call it, its
 * dialect (which decides the shape of its errors) and what serves it. Immutable.
 */
record Route(String method, String template, Access access, boolean bmm, Function<Call, Reply> handler) {

  enum Access {
    /** No key, no faults, no limits, no body: health checks and limits, answered at once, never waiting for a slot. */
    OPEN,
    /** Key required, never faulted or limited, not counted: {@code /v1/stats}. */
    STATS,
    WORK
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
  record Call(String owner, List<String> params, byte[] body, Liveness live) {

    /**
     * Asks the model one example at a time, checking between examples that the call may go on,
     * and checks the model answers one entry per example; a model that rejects its input
     * ({@link IllegalArgumentException}) becomes a 400 with the model's message.
     */
    <T> List<T> each(List<Example> examples, Function<List<Example>, List<T>> model) {
      List<T> answers = new ArrayList<>(examples.size());
      for (Example example : examples) {
        live.check();
        List<T> one;
        try {
          one = model.apply(List.of(example));
        } catch (IllegalArgumentException e) {
          throw ApiError.badRequest(e.getMessage());
        }
        if (one.size() != 1) {
          throw ApiError.internal("the model answered " + one.size() + " results for 1 examples");
        }
        answers.addAll(one);
      }
      return answers;
    }
  }

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
