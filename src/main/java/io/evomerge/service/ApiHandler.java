package io.evomerge.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.evomerge.protocol.ErrorResponse;
import io.evomerge.protocol.Json;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;

/**
 * Serves every request: route, key, body within its limit, injected fault, admission, handler,
 * answer; counts each answer by route and status. Thread-safe.
 */
public final class ApiHandler implements HttpHandler {

  private static final System.Logger LOG = System.getLogger(ApiHandler.class.getName());
  private static final byte[] GARBAGE =
      "<html><body>502 upstream hiccup</body></html>".getBytes(StandardCharsets.UTF_8);

  private final Router router;
  private final Keyring keys;
  private final ServiceSettings settings;
  private final FaultPlan faults;
  private final Admission admission;
  private final Stats stats;

  public ApiHandler(Router router, ServiceSettings settings, Admission admission, Stats stats) {
    this.router = router;
    this.keys = new Keyring(settings.apiKeys());
    this.settings = settings;
    this.faults = new FaultPlan(settings.faults());
    this.admission = admission;
    this.stats = stats;
  }

  @Override
  public void handle(HttpExchange exchange) {
    Answer answer = new Answer(exchange, stats);
    try {
      Router.Match match = router.match(exchange.getRequestMethod(), exchange.getRequestURI().getPath());
      answer.route(match.route());
      serve(answer, match);
    } catch (ApiError e) {
      writeError(answer, e);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "internal error on " + answer.label(), e);
      writeError(answer, ApiError.internal("the service failed on this request"));
    } finally {
      exchange.close();
    }
  }

  private void serve(Answer answer, Router.Match match) {
    Route route = match.route();
    HttpExchange exchange = answer.exchange();
    String owner = route.access() == Route.Access.OPEN ? "open"
        : keys.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
    byte[] body = body(exchange);
    Fault fault = route.access() == Route.Access.WORK ? faults.next(route.label(), body) : Fault.NONE;
    before(fault);
    if (route.access() != Route.Access.WORK) {
      write(answer, route.handler().handle(new Route.Call(owner, match.params(), body)), fault);
      return;
    }
    Admission.Slot slot = admission.admit();
    try {
      write(answer, route.handler().handle(new Route.Call(owner, match.params(), body)), fault);
    } finally {
      slot.close();
    }
  }

  private byte[] body(HttpExchange exchange) {
    try {
      return Bodies.read(exchange.getRequestBody(), exchange.getRequestHeaders().getFirst("Content-Length"),
          settings.limits().maxBodyBytes());
    } catch (IOException e) {
      throw ApiError.badRequest("request body could not be read: " + e.getMessage());
    }
  }

  /** Latency, then the faults that replace the answer. */
  private void before(Fault fault) {
    if (fault.kind() != Fault.Kind.NONE) {
      stats.fault(fault.kind().statName());
    }
    sleep(fault.latencyMs() + (fault.kind() == Fault.Kind.HANG ? settings.faults().hangMs() : 0));
    switch (fault.kind()) {
      case HTTP_500 -> throw new ApiError(500, "injected_fault", "injected fault: internal error", 0);
      case HTTP_503 -> throw new ApiError(503, "injected_fault", "injected fault: service unavailable", 0);
      case HTTP_429 -> throw ApiError.throttled("injected fault: too many requests",
          settings.faults().throttleRetryAfterSeconds());
      default -> { }
    }
  }

  private void write(Answer answer, Route.Reply reply, Fault fault) {
    byte[] json = json(reply.body());
    if (fault.kind() == Fault.Kind.GARBAGE) {
      answer.send(200, "text/html", GARBAGE, GARBAGE.length);
    } else if (fault.kind() == Fault.Kind.TRUNCATE) {
      answer.send(reply.status(), "application/json", json, json.length / 2);
    } else {
      answer.send(reply.status(), "application/json", json, json.length);
    }
  }

  private void writeError(Answer answer, ApiError error) {
    if (error.retryAfterSeconds() > 0) {
      answer.exchange().getResponseHeaders().set("Retry-After", Integer.toString(error.retryAfterSeconds()));
    }
    if (error.status() == 401) {
      answer.exchange().getResponseHeaders().set("WWW-Authenticate", "Bearer");
    }
    byte[] json = json(ErrorResponse.of(error.code(), error.getMessage()));
    answer.send(error.status(), "application/json", json, json.length);
  }

  private static byte[] json(Object body) {
    try {
      return Json.mapper().writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the answer as JSON", e);
    }
  }

  private static void sleep(long ms) {
    if (ms <= 0) {
      return;
    }
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError(503, "shutting_down", "the service is stopping", 0);
    }
  }
}
