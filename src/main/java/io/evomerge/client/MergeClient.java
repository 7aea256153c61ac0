package io.evomerge.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.failsafe.RateLimiter;
import io.evomerge.client.internal.AdaptiveLimit;
import io.evomerge.client.internal.Backoff;
import io.evomerge.client.internal.CallTrace;
import io.evomerge.client.internal.ClosingServers;
import io.evomerge.client.internal.Failures;
import io.evomerge.client.internal.InFlight;
import io.evomerge.client.internal.RateLimiters;
import io.evomerge.client.internal.ReplicaHealth;
import io.evomerge.client.internal.ServiceKeys;
import io.evomerge.client.internal.SharedHttp;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The job's client of the merge service, both dialects. Each endpoint is declared once, here, and
 * every request goes through one chokepoint, {@link #send}, which wraps the single place where an
 * HTTP attempt is executed: the rate limit (this client's share of the job-wide limit), the JVM's
 * adaptive concurrency window (AIMD: a 429 or a timeout halves it), counting (a
 * {@link CallListener} sees every attempt, answer, retry and failure), and retries with patience measured in time
 * ({@code service.retry.maxElapsedMs}): every {@code Retry-After} is honoured within that
 * deadline, an attempt that failed on a dead pooled connection before any answer byte is retried
 * at once on a fresh connection, other transient failures after exponential backoff with jitter.
 * A server that closes every connection (HTTP/1.0) is asked for {@code Connection: close}, so
 * that no dead connection is pooled.
 * Authentication is an OkHttp interceptor with the key this JVM resolves (see {@link
 * #registerKey}); the key is never part of {@link ServiceConfig}. Calls routed over replicas go
 * to the first replica in the rotation from their route on, and each retry to the next one (see
 * {@link ReplicaHealth}); a client pinned with {@link #onReplica} stays on its replica.
 *
 * <p>Cheap to create (one per partition is fine: the connection pool, the threads and the
 * concurrency window are per JVM). Immutable and thread-safe.
 *
 * <pre>{@code
 * CallCounter counter = new CallCounter();
 * MergeClient client = MergeClient.of(service, counter);
 * EvaluateResponse answer = client.evaluate(EvaluateRequest.of(vectors, examples));
 * }</pre>
 */
public final class MergeClient {

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final ServiceConfig service;
  private final List<String> replicas;
  private final List<String> all;
  private final Map<String, OkHttpClient> http;
  private final CallListener listener;
  private final RateLimiter<Object> limiter;
  private final SendAllowance allowance;
  private final Backoff backoff;
  private final Clock clock = Clock.systemUTC();

  private MergeClient(ServiceConfig service, List<String> all, List<String> replicas, CallListener listener,
      RateLimiter<Object> limiter, SendAllowance allowance) {
    this.service = Objects.requireNonNull(service, "service");
    this.all = List.copyOf(all);
    this.replicas = List.copyOf(replicas);
    this.listener = Objects.requireNonNull(listener, "listener");
    this.limiter = limiter;
    this.allowance = Objects.requireNonNull(allowance, "allowance");
    this.backoff = new Backoff(service.retry(), new SplittableRandom());
    Map<String, OkHttpClient> clients = new LinkedHashMap<>();
    for (String replica : this.replicas) {
      clients.put(replica, SharedHttp.forService(service, ServiceKeys.resolve(service, replica, System.getenv())));
    }
    this.http = Map.copyOf(clients);
  }

  /** The client for {@code service}, counting nothing, at the job-wide rate. */
  public static MergeClient of(ServiceConfig service) {
    return of(service, CallListener.NONE);
  }

  /** The client for {@code service}; {@code listener} sees every attempt; the job-wide rate. */
  public static MergeClient of(ServiceConfig service, CallListener listener) {
    return of(service, listener, service.rateLimitPerSecond());
  }

  /**
   * The client for {@code service} whose attempts keep to {@code ratePerSecond} (0: no limit),
   * normally a task's share of {@code service.rateLimitPerSecond}.
   */
  public static MergeClient of(ServiceConfig service, CallListener listener, double ratePerSecond) {
    List<String> replicas = service.replicas().stream().map(ServiceKeys::normalise).toList();
    return new MergeClient(service, replicas, replicas, listener,
        ratePerSecond > 0 ? RateLimiters.of(ratePerSecond) : null, SendAllowance.UNLIMITED);
  }

  /**
   * This client, its attempts taken from {@code allowance}: once it is spent, a call that would
   * send another attempt fails for good instead (code {@code allowance_spent}).
   */
  public MergeClient within(SendAllowance allowance) {
    return new MergeClient(service, all, replicas, listener, limiter, allowance);
  }

  /**
   * Makes {@code key} the API key of the service at {@code baseUrl} for every client in this JVM,
   * ahead of {@code service.apiKey}: for a service whose key never leaves this JVM (the embedded
   * reference service, tests). Executors in other JVMs read {@code service.apiKey} themselves.
   */
  public static void registerKey(String baseUrl, ApiKey key) {
    ServiceKeys.register(baseUrl, key);
  }

  /**
   * This client pinned to replica {@code index} of {@code service.replicas()} (a session lives on
   * one). Where there are other replicas, a pinned call gives up as soon as its replica is out
   * of the rotation, so that the caller can move to another one.
   */
  public MergeClient onReplica(int index) {
    return new MergeClient(service, all, List.of(all.get(Math.floorMod(index, all.size()))), listener, limiter,
        allowance);
  }

  /** Whether replica {@code index} of {@code service.replicas()} takes calls now. */
  public boolean inRotation(int index) {
    return ReplicaHealth.inRotation(all.get(Math.floorMod(index, all.size())), System.nanoTime());
  }

  /** How many replicas the service has. */
  public int replicaCount() {
    return all.size();
  }

  public ServiceConfig service() {
    return service;
  }

  /** The base URLs this client calls. */
  public List<String> replicas() {
    return replicas;
  }

  // ---- the endpoints, once -------------------------------------------------------------------

  /** {@code GET /v1/health} (evomerge) or {@code GET /health} (bmm). */
  public HealthResponse health() {
    return send("GET", service.dialect() == Dialect.BMM ? "health" : "v1/health", null, HealthResponse.class, 0);
  }

  /** {@code GET /v1/repository}: the adapters, in the order of every control vector. */
  public RepositoryResponse repository() {
    requireDialect(Dialect.EVOMERGE, "repository");
    return send("GET", "v1/repository", null, RepositoryResponse.class, 0);
  }

  /** {@code GET /v1/limits}: what the service accepts, for checks before the first evaluate call. */
  public LimitsResponse limits() {
    requireDialect(Dialect.EVOMERGE, "limits");
    return send("GET", "v1/limits", null, LimitsResponse.class, 0);
  }

  /** {@code POST /v1/evaluate}. */
  public EvaluateResponse evaluate(EvaluateRequest request) {
    return evaluate(request, 0);
  }

  /** {@code POST /v1/evaluate}, routed to replica {@code route} (or the next one in the rotation). */
  public EvaluateResponse evaluate(EvaluateRequest request, int route) {
    requireDialect(Dialect.EVOMERGE, "evaluate");
    return send("POST", "v1/evaluate", request, EvaluateResponse.class, route);
  }

  /** {@code POST /v1/predict}: the request without outputs. */
  public PredictResponse predict(EvaluateRequest request) {
    requireDialect(Dialect.EVOMERGE, "predict");
    EvaluateRequest withoutOutputs = new EvaluateRequest(request.alpha(), request.beta(),
        request.examples().stream().map(e -> e.withoutOutput()).toList(), request.strategy());
    return send("POST", "v1/predict", withoutOutputs, PredictResponse.class, 0);
  }

  /** {@code GET /v1/presets} (bmm). */
  public PresetsResponse presets() {
    requireDialect(Dialect.BMM, "presets");
    return send("GET", "v1/presets", null, PresetsResponse.class, 0);
  }

  /** {@code POST /v1/sessions} (bmm). */
  public SessionInfo createSession(SessionCreateRequest request) {
    requireDialect(Dialect.BMM, "createSession");
    return send("POST", "v1/sessions", request, SessionInfo.class, 0);
  }

  /** {@code GET /v1/sessions/{id}} (bmm). */
  public SessionInfo session(String sessionId) {
    requireDialect(Dialect.BMM, "session");
    return send("GET", "v1/sessions/" + segment(sessionId), null, SessionInfo.class, 0);
  }

  /** {@code POST /v1/sessions/{id}/evaluate} (bmm). Never call one session twice at once. */
  public SessionEvaluateResponse evaluateSession(String sessionId, SessionEvaluateRequest request) {
    requireDialect(Dialect.BMM, "evaluateSession");
    return send("POST", "v1/sessions/" + segment(sessionId) + "/evaluate", request, SessionEvaluateResponse.class, 0);
  }

  /** {@code POST /v1/sessions/{id}/materialize} (bmm): the merged adapter, kept on the provider. */
  public MaterializeResponse materialize(String sessionId, SessionEvaluateRequest request) {
    requireDialect(Dialect.BMM, "materialize");
    return send("POST", "v1/sessions/" + segment(sessionId) + "/materialize", request, MaterializeResponse.class, 0);
  }

  // ---- batches -------------------------------------------------------------------------------

  /**
   * Evaluates every request, up to {@code service.inFlight()} at once, request {@code i} routed to
   * replica {@code i}. Returns the answers in input order; the first call that failed for good
   * (in input order) is thrown after the calls in flight have finished.
   */
  public List<EvaluateResponse> evaluateAll(List<EvaluateRequest> requests) {
    List<Integer> indexes = java.util.stream.IntStream.range(0, requests.size()).boxed().toList();
    return callAll(indexes, i -> evaluate(requests.get(i), i));
  }

  /** Applies {@code call} to every input with up to {@code service.inFlight()} in flight; results in input order. */
  public <T, R> List<R> callAll(List<T> inputs, Function<T, R> call) {
    return new InFlight(SharedHttp.callers(), service.inFlight()).map(inputs, call);
  }

  // ---- the chokepoint ------------------------------------------------------------------------

  private <T> T send(String method, String path, Object body, Class<T> type, int route) {
    String call = method + " /" + path.replaceAll("sessions/[^/]+", "sessions/{id}");
    byte[] content = body == null ? null : serialise(body);
    RetryConfig retry = service.retry();
    long started = System.nanoTime();
    long deadline = started + Duration.ofMillis(retry.maxElapsedMs()).toNanos();
    int shift = 0;
    if (!allowance.take()) {
      PermanentFailure refused = new PermanentFailure(call, 0, "allowance_spent", "not sent: " + allowance
          + " is spent (this Spark task's share of the calls reserved for the evaluation, retries included)");
      listener.onFailure(call, refused);
      throw refused;
    }
    for (int attempt = 1; ; attempt++) {
      String replica = replicas.size() == 1 ? replicas.get(0) : ReplicaHealth.pick(replicas, route + shift);
      AdaptiveLimit window = AdaptiveLimit.shared(replica, concurrencyCeiling());
      acquire(window);
      boolean throttled = false;
      boolean answered = false;
      long delayMs = 0;
      try {
        permit();
        listener.onAttempt(call);
        T value = attempt(replica, method, path, content, call, type);
        answered = true;
        ReplicaHealth.answered(replica);
        listener.onAnswer(call);
        return value;
      } catch (TransientFailure failure) {
        // Overload signals: a 429, or a timeout (the service may still be working on that call).
        throttled = failure.status() == 429 || "timeout".equals(failure.code());
        if (failure.staleConnection()) {
          SharedHttp.evictIdle(); // and retry at once: the request never reached a live server
        } else {
          if (failure.status() != 429) {
            ReplicaHealth.failed(replica); // a busy replica is not a failing one
          }
          delayMs = backoff.delay(attempt, failure).toMillis();
          shift++; // the retry goes to the next replica in the rotation, if there is one
        }
        long elapsedMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        if (replicas.size() == 1 && all.size() > 1 && !ReplicaHealth.inRotation(replica, System.nanoTime())) {
          MergeServiceException given = failure.withContext("replica " + replica + " is out of the rotation after "
              + ReplicaHealth.OUT_AFTER + " failed attempts in a row");
          listener.onFailure(call, given);
          throw given;
        }
        boolean patient = retry.allowsAttemptAfter(attempt) && System.nanoTime() + delayMs * 1_000_000 <= deadline;
        if (!patient || !allowance.take()) {
          MergeServiceException given = failure.withContext("gave up after " + attempt + " attempt"
              + (attempt == 1 ? "" : "s") + " in " + elapsedMs + " ms (" + (patient ? allowance + " is spent"
              : "service.retry.maxElapsedMs = " + retry.maxElapsedMs()
              + (retry.maxAttempts() > 0 ? ", maxAttempts = " + retry.maxAttempts() : "")
              + (delayMs > 0 ? "; the next would have waited " + delayMs + " ms" : "")) + ")");
          listener.onFailure(call, given);
          throw given;
        }
        listener.onRetry(call, failure, delayMs);
      } catch (PermanentFailure failure) {
        listener.onFailure(call, failure);
        throw failure;
      } finally {
        window.release(throttled, answered);
      }
      sleep(delayMs); // outside the window: a call waiting to retry holds no slot
    }
  }

  /** Exactly one HTTP attempt: every response closed, every failure typed. */
  private <T> T attempt(String replica, String method, String path, byte[] content, String call, Class<T> type) {
    CallTrace trace = new CallTrace();
    Request.Builder builder = new Request.Builder()
        .url(HttpUrl.get(replica + "/" + path))
        .method(method, content == null ? null : RequestBody.create(content, JSON))
        .tag(CallTrace.class, trace);
    if (ClosingServers.closes(replica)) {
      builder.header("Connection", "close");
    }
    Request request = builder.build();
    int status = 0;
    boolean learnedClosing = false;
    try (Response response = http.get(replica).newCall(request).execute()) {
      status = response.code();
      learnedClosing = ClosingServers.learn(replica, response);
      byte[] answer = response.body().bytes();
      if (!response.isSuccessful()) {
        MergeServiceException failure = Failures.ofStatus(call, status, answer, response.header("Retry-After"), clock);
        if (status == 401 && request.header("Authorization") == null) {
          failure = failure.withContext("no API key on this JVM for " + replica + " (service.apiKey: "
              + service.apiKey().describe() + ")");
        }
        throw failure;
      }
      return Json.lenientReader(type).readValue(answer);
    } catch (IOException e) {
      TransientFailure failure = Failures.ofIo(call, status, e);
      throw status == 0 && trace.failedOnStaleConnection() ? failure.onStaleConnection() : failure;
    } finally {
      if (learnedClosing) {
        SharedHttp.evictIdle();
      }
    }
  }

  private int concurrencyCeiling() {
    return Math.max(1, service.inFlight() * Math.max(1, service.dialect() == Dialect.BMM
        ? service.sessionsPerReplica() : Runtime.getRuntime().availableProcessors()));
  }

  private static void acquire(AdaptiveLimit window) {
    try {
      window.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to call the merge service", e);
    }
  }

  private void permit() {
    if (limiter == null) {
      return;
    }
    try {
      if (!limiter.tryAcquirePermit(RateLimiters.MAX_WAIT)) {
        throw new IllegalStateException("no rate-limit permit within " + RateLimiters.MAX_WAIT
            + " (service.rateLimitPerSecond = " + service.rateLimitPerSecond() + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a rate-limit permit", e);
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
      throw new IllegalStateException("interrupted while waiting to retry a merge service call", e);
    }
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

  private void requireDialect(Dialect expected, String call) {
    if (service.dialect() != expected) {
      throw new UnsupportedOperationException(call + " belongs to dialect " + expected.configName()
          + ", but service.dialect is " + service.dialect().configName());
    }
  }
}
