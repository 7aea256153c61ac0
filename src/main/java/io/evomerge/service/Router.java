package io.evomerge.service;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/** Finds the route of a request; 404 for an unknown path, 405 for a known path with another method. */
final class Router {

  private final List<Route> routes;
  private final List<Pattern> patterns;

  Router(List<Route> routes) {
    this.routes = List.copyOf(routes);
    this.patterns = this.routes.stream().map(Route::pattern).toList();
  }

  record Match(Route route, List<String> params) {}

  Match match(String method, String path) {
    List<String> allowed = new ArrayList<>();
    for (int i = 0; i < routes.size(); i++) {
      Matcher m = patterns.get(i).matcher(path);
      if (!m.matches()) {
        continue;
      }
      if (routes.get(i).method().equals(method)) {
        List<String> params = IntStream.rangeClosed(1, m.groupCount()).mapToObj(m::group).toList();
        return new Match(routes.get(i), params);
      }
      allowed.add(routes.get(i).method());
    }
    if (allowed.isEmpty()) {
      throw ApiError.notFound("no endpoint at " + path);
    }
    throw new ApiError(405, "method_not_allowed", method + " is not allowed on " + path + "; use " + allowed, 0);
  }
}
