package io.evomerge.service;

import io.evomerge.config.FaultsConfig;
import io.evomerge.config.LimitsConfig;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves every request, without ever blocking an I/O thread on a client:
 * <ol>
 *   <li>on the headers: route (404, 405), key (401), {@code Content-Length} against
 *       {@code max_body_bytes} (413), then admission (429 rate or concurrency, 503 byte budget);
 *       a refused request's body is never read, and its connection closes after the answer;
 *   <li>the body, read asynchronously within its limit (a stalled upload ends at the idle
 *       timeout, answered 408);
 *   <li>the injected fault: a hang gives its slot back and holds the connection for
 *       {@code hangMs}; the latency is spent holding the slot; 500, 503 or 429 replace the answer;
 *   <li>the work, on a pool of one thread per slot, checking between examples that its client is
 *       still there and its deadline has not passed;
 *   <li>the answer (cut short, or garbage, when the fault says so).
 * </ol>
 * Health checks are answered at step 1 on the I/O thread: they never wait for a slot. Thread-safe.
 */
final class ApiHandler extends Handler.Abstract {

  private static final System.Logger LOG = System.getLogger(ApiHandler.class.getName());
  private static final long LINGER_BYTES = 256 * 1024;

  private final List<Route> routes;
  private final Keyring keys;
  private final LimitsConfig limits;
  private final FaultsConfig faultSettings;
  private final FaultPlan faults;
  private final Admission admission;
  private final Stats stats;
  private final ExecutorService workers;
  private final ScheduledExecutorService timers;
  private final Exchange.Linger linger;

  ApiHandler(List<Route> routes, ServiceSettings settings, Admission admission, Stats stats,
      ExecutorService workers, ScheduledExecutorService timers) {
    super(InvocationType.BLOCKING);
    this.routes = List.copyOf(routes);
    this.keys = new Keyring(settings.apiKeys());
    this.limits = settings.limits();
    this.faultSettings = settings.faults();
    this.faults = new FaultPlan(settings.faults());
    this.admission = admission;
    this.stats = stats;
    this.workers = workers;
    this.timers = timers;
    this.linger = new Exchange.Linger(Math.min(1000, limits.idleTimeoutMs()), LINGER_BYTES, timers);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Exchange exchange = new Exchange(request, response, callback, stats, linger);
    request.addFailureListener(exchange::failed);
    // The idle timeout ends a stalled upload; once the body is in, the call's own deadline rules.
    request.addIdleTimeoutListener(timeout -> exchange.bodyUnread());
    guard(exchange, () -> start(exchange, request));
    return true;
  }

  private void start(Exchange exchange, Request request) {
    Route.Match match = Route.match(routes, request.getMethod(), Request.getPathInContext(request));
    Route route = match.route();
    exchange.route(route);
    String owner = route.access() == Route.Access.OPEN ? "open"
        : keys.authenticate(request.getHeaders().get(HttpHeader.AUTHORIZATION));
    if (route.access() != Route.Access.WORK) {
      exchange.reply(route.handler().apply(new Route.Call(owner, match.params(), new byte[0],
          () -> { })), Fault.Kind.NONE);
      return;
    }
    long length = request.getLength();
    if (length > limits.maxBodyBytes()) {
      throw ApiError.tooLarge(limits.maxBodyBytes());
    }
    boolean hasBody = !"GET".equals(request.getMethod());
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.requestDeadlineMs());
    Admission.Ticket ticket = admission.admit(hasBody ? (length < 0 ? limits.maxBodyBytes() : length) : 0);
    exchange.onDone(ticket);
    if (!hasBody) {
      exchange.bodyRead();
      afterBody(exchange, match, owner, new byte[0], ticket, deadline);
      return;
    }
    Content.Source.asByteArrayAsync(request, (int) Math.min(Integer.MAX_VALUE - 8, limits.maxBodyBytes()))
        .whenComplete((body, failure) -> {
          if (failure != null) {
            bodyFailed(exchange, failure);
          } else {
            exchange.bodyRead();
            guard(exchange, () -> afterBody(exchange, match, owner, body, ticket, deadline));
          }
        });
  }

  /** Answers a body that could not be read, once Jetty has finished failing the read. */
  private void bodyFailed(Exchange exchange, Throwable failure) {
    try {
      timers.execute(() -> answerBodyFailure(exchange, failure));
    } catch (RejectedExecutionException e) {
      exchange.abandon(failure);
    }
  }

  private void answerBodyFailure(Exchange exchange, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof TimeoutException) {
      exchange.error(new ApiError(408, "read_timeout", "the request body did not arrive within the service's idle "
          + "timeout of " + limits.idleTimeoutMs() + " ms (idle_timeout_ms)", 0));
    } else if (cause instanceof IllegalArgumentException || String.valueOf(cause.getMessage()).contains("max")) {
      exchange.error(ApiError.tooLarge(limits.maxBodyBytes()));
    } else {
      exchange.abandon(cause);
    }
  }

  private void afterBody(Exchange exchange, Route.Match match, String owner, byte[] body,
      Admission.Ticket ticket, long deadline) {
    Route route = match.route();
    Fault fault = faults.next(route.label(), body);
    if (fault.kind() != Fault.Kind.NONE) {
      stats.fault(fault.kind().statName());
    }
    Runnable work = () -> guard(exchange, () -> {
      switch (fault.kind()) {
        case HTTP_500 -> throw new ApiError(500, "injected_fault", "injected fault: internal error", 0);
        case HTTP_503 -> throw new ApiError(503, "injected_fault", "injected fault: service unavailable", 0);
        case HTTP_429 -> throw ApiError.throttled("injected fault: too many requests",
            faultSettings.throttleRetryAfterSeconds());
        default -> { }
      }
      Route.Call call = new Route.Call(owner, match.params(), body, live(exchange, deadline));
      workers.execute(() -> guard(exchange, () -> {
        call.live().run();
        exchange.reply(route.handler().apply(call), fault.kind());
      }));
    });
    Runnable afterHang = () -> guard(exchange, () -> {
      ticket.reacquireSlot();
      if (fault.latencyMs() > 0) {
        timers.schedule(work, fault.latencyMs(), TimeUnit.MILLISECONDS);
      } else {
        work.run();
      }
    });
    if (fault.kind() == Fault.Kind.HANG) {
      ticket.releaseSlot();
      timers.schedule(afterHang, faultSettings.hangMs(), TimeUnit.MILLISECONDS);
    } else {
      afterHang.run();
    }
  }

  private Runnable live(Exchange exchange, long deadline) {
    return () -> {
      if (!exchange.clientThere()) {
        throw new ApiError(499, "client_gone", "the client closed the connection", 0);
      }
      if (System.nanoTime() - deadline > 0) {
        throw ApiError.overloaded("the call passed the service's deadline of " + limits.requestDeadlineMs()
            + " ms (request_deadline_ms) and was stopped", limits.retryAfterSeconds());
      }
    };
  }

  /** Runs {@code step}; any failure becomes the exchange's error answer. */
  private static void guard(Exchange exchange, Runnable step) {
    try {
      step.run();
    } catch (RejectedExecutionException e) {
      exchange.error(ApiError.overloaded("the service is stopping", 1));
    } catch (ApiError e) {
      if (e.status() == 499) {
        exchange.abandon(e);
      } else {
        exchange.error(e);
      }
    } catch (RuntimeException | Error e) {
      LOG.log(Level.WARNING, "internal error on " + exchange.label(), e);
      exchange.error(ApiError.internal("the service failed on this request"));
    }
  }
}
