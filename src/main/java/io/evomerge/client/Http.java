package io.evomerge.client;

import io.evomerge.config.ServiceConfig;
import io.evomerge.protocol.ApiKey;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;

/**
 * What one JVM shares among its merge clients: one {@link OkHttpClient} (its connection pool), the
 * daemon threads that keep calls in flight, the API keys registered here, and the servers known to
 * close every connection (HTTP/1.0 without keep-alive, as Python's stdlib answers: requests to them
 * say {@code Connection: close}, or OkHttp would pool the connection anyway). Thread-safe.
 *
 * <p>OkHttp's own {@code retryOnConnectionFailure} stays off: it would resend a request, uncounted,
 * after the server may have acted on it; the client's chokepoint retries instead, and counts it.
 *
 * <p>A key registered for a base URL comes first, else the one {@code service.apiKey} names, read
 * on the JVM that makes the call: no key travels inside a task.
 */
final class Http {

  private static final OkHttpClient BASE = new OkHttpClient.Builder()
      .connectionPool(new ConnectionPool(64, 5, TimeUnit.MINUTES))
      .retryOnConnectionFailure(false)
      .followRedirects(false)
      .eventListenerFactory(call -> {
        Trace trace = call.request().tag(Trace.class);
        return trace != null ? trace : EventListener.NONE;
      })
      .build();
  private static final AtomicInteger THREADS = new AtomicInteger();
  static final ExecutorService CALLERS = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "evomerge-client-" + THREADS.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  });
  /** Keys registered with {@link MergeClient#registerKey}, by base URL. */
  static final Map<String, ApiKey> KEYS = new ConcurrentHashMap<>();
  private static final Set<String> CLOSING = ConcurrentHashMap.newKeySet();

  private Http() {}

  /** A variant of the JVM's client with the timeouts of {@code service} and the key of {@code baseUrl}. */
  static OkHttpClient forService(ServiceConfig service, String baseUrl) {
    Duration request = Duration.ofMillis(service.requestTimeoutMs());
    OkHttpClient.Builder builder = BASE.newBuilder()
        .connectTimeout(Duration.ofMillis(service.connectTimeoutMs()))
        .readTimeout(request)
        .writeTimeout(request)
        .callTimeout(request);
    Optional.ofNullable(KEYS.get(normalise(baseUrl)))
        .or(() -> service.apiKey().read(System.getenv()).map(ApiKey::of))
        .ifPresent(key -> builder.addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
            .header("Authorization", "Bearer " + key.reveal()).build())));
    return builder.build();
  }

  static String normalise(String url) {
    return url.strip().replaceAll("/+$", "");
  }

  /** Closes every idle pooled connection: after one was found dead, the others likely are too. */
  static void evictIdle() {
    BASE.connectionPool().evictAll();
  }

  static boolean closes(String baseUrl) {
    return CLOSING.contains(baseUrl);
  }

  /** True when an answer shows, for the first time, that {@code baseUrl} closes every connection. */
  static boolean learn(String baseUrl, Response response) {
    return response.protocol() == Protocol.HTTP_1_0 && !"keep-alive".equalsIgnoreCase(response.header("Connection"))
        && CLOSING.add(baseUrl);
  }

  /**
   * What one attempt did on the wire, from OkHttp's events: an attempt that failed on a reused
   * connection before any answer byte never reached a live server (uvicorn closes idle ones after 5 s).
   */
  static final class Trace extends EventListener {
    private volatile boolean connected;
    private volatile boolean answerStarted;

    @Override
    public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
      connected = true;
    }

    @Override
    public void responseHeadersStart(Call call) {
      answerStarted = true;
    }

    boolean failedOnStaleConnection() {
      return !connected && !answerStarted;
    }
  }
}
