package io.evomerge.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.failsafe.RateLimiter;
import io.evomerge.config.RetryConfig;
import io.evomerge.config.ServiceConfig;
import io.evomerge.protocol.ApiKey;
import io.evomerge.protocol.Dialect;
import io.evomerge.protocol.EvaluateRequest;
import io.evomerge.protocol.EvaluateResponse;
import io.evomerge.protocol.HealthResponse;
import io.evomerge.protocol.Json;
import io.evomerge.protocol.LimitsResponse;
import io.evomerge.protocol.MaterializeResponse;
import io.evomerge.protocol.PredictResponse;
import io.evomerge.protocol.PresetsResponse;
import io.evomerge.protocol.RepositoryResponse;
import io.evomerge.protocol.SessionCreateRequest;
import io.evomerge.protocol.SessionEvaluateRequest;
import io.evomerge.protocol.SessionEvaluateResponse;
import io.evomerge.protocol.SessionInfo;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The job's client of the merge service, both dialects. Each endpoint is declared once, and every
 * request goes through one chokepoint, {@link #send}: the rate limit, the JVM's AIMD window per
 * replica, the {@link SendAllowance}, the {@link CallCounter}, and retries with patience in time
 * ({@code service.retry.maxElapsedMs}): every {@code Retry-After} honoured, a dead pooled
 * connection retried at once, other transient failures after backoff with jitter. Routed calls go
 * to the first replica in the rotation from their route on, each retry to the next ({@link
 * Replicas}). Cheap to create. Immutable and thread-safe.
 */
public final class MergeClient {

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final Duration MAX_PERMIT_WAIT = Duration.ofMinutes(10);

  private final ServiceConfig service;
  private final List<String> all;
  private final List<String> replicas;
  private final Map<String, OkHttpClient> http;
  private final CallCounter counter;
  private final RateLimiter<Object> limiter;
  private final SendAllowance allowance;

  private MergeClient(ServiceConfig service, List<String> all, List<String> replicas, CallCounter counter,
      RateLimiter<Object> limiter, SendAllowance allowance) {
    this.service = Objects.requireNonNull(service, "service");
    this.all = List.copyOf(all);
    this.replicas = List.copyOf(replicas);
    this.counter = Objects.requireNonNull(counter, "counter");
    this.limiter = limiter;
    this.allowance = Objects.requireNonNull(allowance, "allowance");
    this.http = this.replicas.stream().collect(Collectors.toUnmodifiableMap(r -> r, r -> Http.forService(service, r)));
  }

  /** The client for {@code service}, its counts unread, at the job-wide rate. */
  public static MergeClient of(ServiceConfig service) {
    return of(service, new CallCounter(), service.rateLimitPerSecond());
  }

  /** The client whose attempts keep to {@code ratePerSecond} (0: no limit), e.g. a task's share. */
  public static MergeClient of(ServiceConfig service, CallCounter counter, double ratePerSecond) {
    List<String> replicas = service.replicas().stream().map(Http::normalise).toList();
    RateLimiter<Object> limiter = !(ratePerSecond > 0) ? null : RateLimiter.smoothBuilder(Duration.ofNanos(
        Math.max(1, Math.round(1e9 / ratePerSecond)))).withMaxWaitTime(MAX_PERMIT_WAIT).build();
    return new MergeClient(service, replicas, replicas, counter, limiter, SendAllowance.UNLIMITED);
  }

  /** Makes {@code key} the key of {@code baseUrl} for this JVM, ahead of {@code service.apiKey}; null forgets it. */
  public static void registerKey(String baseUrl, ApiKey key) {
    if (key == null) {
      Http.KEYS.remove(Http.normalise(baseUrl));
    } else {
      Http.KEYS.put(Http.normalise(baseUrl), key);
    }
  }

  /** This client, its attempts taken from {@code allowance}: once spent, a call fails instead of sending. */
  public MergeClient within(SendAllowance allowance) {
    return new MergeClient(service, all, replicas, counter, limiter, allowance);
  }

  /**
   * This client pinned to replica {@code index} (a session lives on one); with other replicas, a
   * call gives up once its replica is out of the rotation, to move elsewhere.
   */
  public MergeClient onReplica(int index) {
    return new MergeClient(service, all, List.of(all.get(Math.floorMod(index, all.size()))), counter, limiter,
        allowance);
  }

  /** Whether replica {@code index} of {@code service.replicas()} takes calls now. */
  public boolean inRotation(int index) {
    return Replicas.inRotation(all.get(Math.floorMod(index, all.size())), System.nanoTime());
  }

  public int replicaCount() {
    return all.size();
  }

  public List<String> replicas() {
    return replicas;
  }

  /** {@code GET /v1/health} (evomerge) or {@code GET /health} (bmm). */
  public HealthResponse health() {
    return send(null, "GET", service.dialect() == Dialect.BMM ? "health" : "v1/health", null, HealthResponse.class, 0);
  }

  public RepositoryResponse repository() {
    return send(Dialect.EVOMERGE, "GET", "v1/repository", null, RepositoryResponse.class, 0);
  }

  public LimitsResponse limits() {
    return send(Dialect.EVOMERGE, "GET", "v1/limits", null, LimitsResponse.class, 0);
  }

  public EvaluateResponse evaluate(EvaluateRequest request) {
    return evaluate(request, 0);
  }

  /** Routed to replica {@code route} (or the next one in the rotation). */
  public EvaluateResponse evaluate(EvaluateRequest request, int route) {
    return send(Dialect.EVOMERGE, "POST", "v1/evaluate", request, EvaluateResponse.class, route);
  }

  /** Sends the request without its outputs. */
  public PredictResponse predict(EvaluateRequest request) {
    EvaluateRequest withoutOutputs = new EvaluateRequest(request.alpha(), request.beta(),
        request.examples().stream().map(e -> e.withoutOutput()).toList(), request.strategy());
    return send(Dialect.EVOMERGE, "POST", "v1/predict", withoutOutputs, PredictResponse.class, 0);
  }

  public PresetsResponse presets() {
    return send(Dialect.BMM, "GET", "v1/presets", null, PresetsResponse.class, 0);
  }

  public SessionInfo createSession(SessionCreateRequest request) {
    return send(Dialect.BMM, "POST", "v1/sessions", request, SessionInfo.class, 0);
  }

  public SessionInfo session(String sessionId) {
    return send(Dialect.BMM, "GET", "v1/sessions/" + segment(sessionId), null, SessionInfo.class, 0);
  }

  /** Never call one session twice at once. */
  public SessionEvaluateResponse evaluateSession(String sessionId, SessionEvaluateRequest request) {
    return send(Dialect.BMM, "POST", "v1/sessions/" + segment(sessionId) + "/evaluate", request,
        SessionEvaluateResponse.class, 0);
  }

  public MaterializeResponse materialize(String sessionId, SessionEvaluateRequest request) {
    return send(Dialect.BMM, "POST", "v1/sessions/" + segment(sessionId) + "/materialize", request,
        MaterializeResponse.class, 0);
  }

  /** Evaluates every request, request {@code i} routed to replica {@code i}; see {@link #callAll}. */
  public List<EvaluateResponse> evaluateAll(List<EvaluateRequest> requests) {
    return callAll(IntStream.range(0, requests.size()).boxed().toList(), i -> evaluate(requests.get(i), i));
  }

  /**
   * Applies {@code call} to every input, up to {@code service.inFlight()} at once (each lane takes
   * the next input until none is left or a call failed), and returns the results in input order;
   * the first failure by input order is thrown once the calls in flight have finished.
   */
  public <T, R> List<R> callAll(List<T> inputs, Function<T, R> call) {
    Object[] results = new Object[inputs.size()];
    RuntimeException[] failures = new RuntimeException[inputs.size()];
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean failed = new AtomicBoolean();
    Runnable lane = () -> {
      for (int i = next.getAndIncrement(); i < inputs.size() && !failed.get(); i = next.getAndIncrement()) {
        try {
          results[i] = call.apply(inputs.get(i));
        } catch (RuntimeException e) {
          failures[i] = e;
          failed.set(true);
        }
      }
    };
    int lanes = Math.max(1, Math.min(service.inFlight(), inputs.size()));
    try {
      for (Future<Object> done : Http.CALLERS.invokeAll(Collections.nCopies(lanes, Executors.callable(lane)))) {
        done.get();
      }
    } catch (InterruptedException e) {
      failed.set(true);
      throw interrupted("calls were in flight", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a lane failed outside its calls", e.getCause());
    }
    Arrays.stream(failures).filter(Objects::nonNull).findFirst().ifPresent(e -> {
      throw e;
    });
    @SuppressWarnings("unchecked")
    List<R> list = (List<R>) List.of(results);
    return list;
  }

  /** The chokepoint: a call of {@code dialect} (null: both), retried as the class says. */
  private <T> T send(Dialect dialect, String method, String path, Object body, Class<T> type, int route) {
    if (dialect != null && service.dialect() != dialect) {
      throw new UnsupportedOperationException(method + " /" + path + " belongs to dialect " + dialect.configName()
          + ", but service.dialect is " + service.dialect().configName());
    }
    String call = method + " /" + path.replaceAll("sessions/[^/]+", "sessions/{id}");
    byte[] content = body == null ? null : serialise(body);
    RetryConfig retry = service.retry();
    long started = System.nanoTime();
    long deadline = started + Duration.ofMillis(retry.maxElapsedMs()).toNanos();
    int shift = 0;
    if (!allowance.take()) {
      PermanentFailure refused = new PermanentFailure(call, 0, "allowance_spent", "not sent: " + allowance
          + " is spent (this Spark task's share of the calls reserved for the evaluation, retries included)",
          null, null);
      counter.onFailure(call, refused);
      throw refused;
    }
    for (int attempt = 1; ; attempt++) {
      String replica = replicas.size() == 1 ? replicas.get(0) : Replicas.pick(replicas, route + shift);
      Replicas.Window window = Replicas.window(replica, concurrencyCeiling());
      try {
        window.acquire();
      } catch (InterruptedException e) {
        throw interrupted("waiting to call the merge service", e);
      }
      boolean throttled = false;
      boolean answered = false;
      long delayMs = 0;
      try {
        permit();
        counter.onAttempt(call);
        T value = attempt(replica, method, path, content, call, type);
        answered = true;
        Replicas.answered(replica);
        counter.onAnswer(call);
        return value;
      } catch (TransientFailure failure) {
        // Overload signals: a 429, or a timeout (the service may still be working on that call).
        throttled = failure.status() == 429 || "timeout".equals(failure.code());
        if (failure.staleConnection()) {
          Http.evictIdle(); // and retry at once: the request never reached a live server
        } else {
          if (failure.status() != 429) {
            Replicas.failed(replica); // a busy replica is not a failing one
          }
          delayMs = Failures.delay(retry, attempt, failure, ThreadLocalRandom.current().nextDouble()).toMillis();
          shift++; // the retry goes to the next replica in the rotation, if there is one
        }
        long elapsedMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        if (replicas.size() == 1 && all.size() > 1 && !Replicas.inRotation(replica, System.nanoTime())) {
          throw givenUp(call, failure.withContext("replica " + replica + " is out of the rotation after "
              + Replicas.OUT_AFTER + " failed attempts in a row"));
        }
        boolean patient = retry.allowsAttemptAfter(attempt) && System.nanoTime() + delayMs * 1_000_000 <= deadline;
        if (!patient || !allowance.take()) {
          throw givenUp(call, failure.withContext("gave up after " + attempt + " attempt"
              + (attempt == 1 ? "" : "s") + " in " + elapsedMs + " ms (" + (patient ? allowance + " is spent"
              : "service.retry.maxElapsedMs = " + retry.maxElapsedMs()
              + (retry.maxAttempts() > 0 ? ", maxAttempts = " + retry.maxAttempts() : "")
              + (delayMs > 0 ? "; the next would have waited " + delayMs + " ms" : "")) + ")"));
        }
        counter.onRetry(call, failure, delayMs);
      } catch (PermanentFailure failure) {
        throw givenUp(call, failure);
      } finally {
        window.release(throttled, answered);
      }
      try {
        Thread.sleep(delayMs); // outside the window: a call waiting to retry holds no slot
      } catch (InterruptedException e) {
        throw interrupted("waiting to retry a merge service call", e);
      }
    }
  }

  /** Exactly one HTTP attempt: every response closed, every failure typed. */
  private <T> T attempt(String replica, String method, String path, byte[] content, String call, Class<T> type) {
    Http.Trace trace = new Http.Trace();
    Request.Builder request = new Request.Builder()
        .url(HttpUrl.get(replica + "/" + path))
        .method(method, content == null ? null : RequestBody.create(content, JSON))
        .tag(Http.Trace.class, trace);
    if (Http.closes(replica)) {
      request.header("Connection", "close");
    }
    int status = 0;
    boolean learnedClosing = false;
    try (Response response = http.get(replica).newCall(request.build()).execute()) {
      status = response.code();
      learnedClosing = Http.learn(replica, response);
      byte[] answer = response.body().bytes();
      if (!response.isSuccessful()) {
        MergeServiceException failure = Failures.ofStatus(call, status, answer, response.header("Retry-After"),
            Clock.systemUTC());
        throw status == 401 && http.get(replica).interceptors().isEmpty() ? failure.withContext(
            "no API key on this JVM for " + replica + " (service.apiKey: " + service.apiKey().describe() + ")")
            : failure;
      }
      return Json.lenientReader(type).readValue(answer);
    } catch (IOException e) {
      throw Failures.ofIo(call, status, e, status == 0 && trace.failedOnStaleConnection());
    } finally {
      if (learnedClosing) {
        Http.evictIdle();
      }
    }
  }

  private MergeServiceException givenUp(String call, MergeServiceException failure) {
    counter.onFailure(call, failure);
    return failure;
  }

  private int concurrencyCeiling() {
    return Math.max(1, service.inFlight() * Math.max(1, service.dialect() == Dialect.BMM
        ? service.sessionsPerReplica() : Runtime.getRuntime().availableProcessors()));
  }

  private void permit() {
    try {
      if (limiter != null && !limiter.tryAcquirePermit(MAX_PERMIT_WAIT)) {
        throw new IllegalStateException("no rate-limit permit within " + MAX_PERMIT_WAIT
            + " (service.rateLimitPerSecond = " + service.rateLimitPerSecond() + ")");
      }
    } catch (InterruptedException e) {
      throw interrupted("waiting for a rate-limit permit", e);
    }
  }

  private static IllegalStateException interrupted(String what, InterruptedException e) {
    Thread.currentThread().interrupt();
    return new IllegalStateException("interrupted while " + what, e);
  }

  private static String segment(String sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    return HttpUrl.get("http://x/").newBuilder().addPathSegment(sessionId).build().encodedPath().substring(1);
  }

  private static byte[] serialise(Object body) {
    try {
      return Json.mapper().writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
    }
  }
}
