package io.evomerge.service;

import io.evomerge.data.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * One endpoint: method, path template ({@code {id}} for a path segment) and the pattern it
 * compiles to, who may call it, its dialect (which decides the shape of its errors) and what
 * serves it. Immutable.
 */
record Route(String method, String template, Pattern pattern, Access access, boolean bmm,
    Function<Call, Reply> handler) {

  Route(String method, String template, Access access, boolean bmm, Function<Call, Reply> handler) {
    this(method, template, Pattern.compile(template.replaceAll("\\{[^/]+}", "([^/]+)")), access, bmm,
        handler);
  }

  enum Access {
    /** No key, no faults, no limits, no body: health checks and limits, answered at once, never waiting for a slot. */
    OPEN,
    /** Key required, never faulted or limited, not counted: {@code /v1/stats}. */
    STATS,
    WORK
  }

  /**
   * An authenticated request to a route.
   *
   * @param owner an opaque id of the caller's key
   * @param params the values of the template's {@code {...}} segments, in order
   * @param live run between examples: returns when the call may go on, else throws the
   *     {@link ApiError} that ends it, so that scoring stops with its client
   */
  record Call(String owner, List<String> params, byte[] body, Runnable live) {

    /**
     * Asks the model one example at a time, checking between examples that the call may go on,
     * and checks the model answers one entry per example; a model that rejects its input
     * ({@link IllegalArgumentException}) becomes a 400 with the model's message.
     */
    <T> List<T> each(List<Example> examples, Function<List<Example>, List<T>> model) {
      List<T> answers = new ArrayList<>(examples.size());
      for (Example example : examples) {
        live.run();
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

  record Match(Route route, List<String> params) {}

  String label() {
    return method + " " + template;
  }

  /** The route of a request; 404 for an unknown path, 405 for a known path with another method. */
  static Match match(List<Route> routes, String method, String path) {
    List<String> allowed = new ArrayList<>();
    for (Route route : routes) {
      Matcher m = route.pattern.matcher(path);
      if (!m.matches()) {
        continue;
      }
      if (route.method.equals(method)) {
        List<String> params = IntStream.rangeClosed(1, m.groupCount()).mapToObj(m::group).toList();
        return new Match(route, params);
      }
      allowed.add(route.method);
    }
    if (allowed.isEmpty()) {
      throw ApiError.notFound("no endpoint at " + path);
    }
    throw new ApiError(405, "method_not_allowed", method + " is not allowed on " + path + "; use " + allowed, 0);
  }
}
