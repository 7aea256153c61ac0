package io.evomerge.client.internal;

import io.evomerge.config.ServiceConfig;
import io.evomerge.protocol.ApiKey;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * What one JVM shares among all its merge clients, created on first use: one
 * {@link OkHttpClient} (its connection pool and dispatcher), and one pool of daemon threads that
 * keep requests in flight. Per-service clients are variants from {@code newBuilder()}, so they
 * share the pool. Thread-safe.
 *
 * <p>OkHttp's own {@code retryOnConnectionFailure} stays off: it would resend a request, uncounted,
 * even after the whole body had been written and the server may have acted on it. The client's
 * one chokepoint retries instead, and counts it: at once on a fresh connection when the attempt
 * failed on a reused one before any answer byte (see {@link CallTrace}), after a delay otherwise.
 */
public final class SharedHttp {

  private SharedHttp() {}

  /** The JVM's base client. */
  public static OkHttpClient base() {
    return Holder.CLIENT;
  }

  /** A variant of {@link #base()} with the timeouts of {@code service} and its key, if any. */
  public static OkHttpClient forService(ServiceConfig service, Optional<ApiKey> key) {
    Duration request = Duration.ofMillis(service.requestTimeoutMs());
    OkHttpClient.Builder builder = base().newBuilder()
        .connectTimeout(Duration.ofMillis(service.connectTimeoutMs()))
        .readTimeout(request)
        .writeTimeout(request)
        .callTimeout(request);
    key.ifPresent(k -> builder.addInterceptor(new BearerAuth(k)));
    return builder.build();
  }

  /** Closes every idle pooled connection: after one was found dead, the others likely are too. */
  public static void evictIdle() {
    Holder.CLIENT.connectionPool().evictAll();
  }

  /** Threads that run the calls a client keeps in flight. */
  public static ExecutorService callers() {
    return Holder.CALLERS;
  }

  private static final class Holder {
    static final OkHttpClient CLIENT = new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(64, 5, TimeUnit.MINUTES))
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .eventListenerFactory(CallTrace.FACTORY)
        .build();
    static final ExecutorService CALLERS = Executors.newCachedThreadPool(daemons());
  }

  private static ThreadFactory daemons() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "evomerge-client-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
