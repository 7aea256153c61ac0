package io.evomerge.service;

import com.sun.net.httpserver.HttpServer;
import io.evomerge.model.MergeModel;
import io.evomerge.protocol.HealthResponse;
import io.evomerge.protocol.StatsResponse;
import io.evomerge.service.Admission;
import io.evomerge.service.ApiHandler;
import io.evomerge.service.BmmEndpoints;
import io.evomerge.service.EvomergeEndpoints;
import io.evomerge.service.Route;
import io.evomerge.service.Route.Access;
import io.evomerge.service.Route.Reply;
import io.evomerge.service.Router;
import io.evomerge.service.Stats;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reference merge service: both dialects of PROTOCOL.md over HTTP, in front of any
 * {@link MergeModel}, on the JDK's {@link HttpServer} with a bounded pool of threads. Start it
 * with {@link #start}, stop it with {@link #close()} (try-with-resources in tests and in the job).
 *
 * <p>Endpoints. Dialect evomerge: {@code GET /v1/health} (open), {@code GET /v1/repository},
 * {@code POST /v1/evaluate}, {@code POST /v1/predict}. Dialect bmm: {@code GET /health} (open),
 * {@code GET /v1/presets}, {@code POST /v1/sessions}, {@code GET /v1/sessions/{id}},
 * {@code POST /v1/sessions/{id}/evaluate}. Both: {@code GET /v1/stats}.
 *
 * <p>Errors. 400 names the field (bad JSON, unknown or mistyped field, wrong vector length, NaN,
 * out of range, empty or too many examples); 401 for a missing or wrong key; 403 when a valid
 * key asks for a session another key made; 404 unknown path or session; 405 wrong method; 413
 * names the body limit; 429 with {@code Retry-After} over the concurrency or rate limit.
 *
 * <p>Thread-safe. The instance is the running service.
 */
public final class MergeService implements AutoCloseable {

  /*
   * The JDK server writes the headers and the body of an answer separately; with Nagle's
   * algorithm on, the body then waits for the client's delayed ACK (about 40 ms on Linux). The
   * server reads this property once per JVM, when its first instance starts; a value set by the
   * user is kept.
   */
  static {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ThreadPoolExecutor threads;
  private final ServiceSettings settings;
  private final Stats stats;

  private MergeService(HttpServer server, ThreadPoolExecutor threads, ServiceSettings settings, Stats stats) {
    this.server = server;
    this.threads = threads;
    this.settings = settings;
    this.stats = stats;
  }

  /** Starts the service; bmm sessions read JSON Lines data sets with {@link DatasetReader#jsonLines()}. */
  public static MergeService start(ServiceSettings settings, MergeModel model) throws IOException {
    return start(settings, model, DatasetReader.jsonLines());
  }

  /** Starts the service; bmm sessions read data sets of {@code settings.dataRoot()} with {@code reader}. */
  public static MergeService start(ServiceSettings settings, MergeModel model, DatasetReader reader)
      throws IOException {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(reader, "reader");
    Stats stats = new Stats();
    HttpServer server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 128);
    ThreadPoolExecutor threads = threads(settings.limits().maxConcurrency());
    Admission admission = new Admission(settings.limits(), System::nanoTime);
    server.createContext("/", new ApiHandler(new Router(routes(settings, model, reader, stats)), settings, admission, stats));
    server.setExecutor(threads);
    server.start();
    return new MergeService(server, threads, settings, stats);
  }

  /** The port the service listens on (the free one chosen when the settings said 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://host:port}, without a trailing slash. */
  public String baseUrl() {
    String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
    return "http://" + host + ":" + port();
  }

  /** What {@code GET /v1/stats} would answer now. */
  public StatsResponse stats() {
    return stats.snapshot();
  }

  public ServiceSettings settings() {
    return settings;
  }

  /** Stops listening, interrupts requests still being served (hung ones included) and returns. */
  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<Route> routes(ServiceSettings settings, MergeModel model, DatasetReader reader, Stats stats) {
    EvomergeEndpoints evomerge = new EvomergeEndpoints(model, settings.limits(), stats);
    BmmEndpoints bmm = new BmmEndpoints(model, settings, reader, stats);
    return List.of(
        new Route("GET", "/v1/health", Access.OPEN, call -> Reply.ok(HealthResponse.ok())),
        new Route("GET", "/health", Access.OPEN, call -> Reply.ok(HealthResponse.ok())),
        new Route("GET", "/v1/stats", Access.STATS, call -> Reply.ok(stats.snapshot())),
        new Route("GET", "/v1/repository", Access.WORK, evomerge::repository),
        new Route("POST", "/v1/evaluate", Access.WORK, evomerge::evaluate),
        new Route("POST", "/v1/predict", Access.WORK, evomerge::predict),
        new Route("GET", "/v1/presets", Access.WORK, bmm::presets),
        new Route("POST", "/v1/sessions", Access.WORK, bmm::create),
        new Route("GET", "/v1/sessions/{id}", Access.WORK, bmm::info),
        new Route("POST", "/v1/sessions/{id}/evaluate", Access.WORK, bmm::evaluate));
  }

  /** Enough threads to answer 429 while every slot is busy; a full queue makes the acceptor wait. */
  private static ThreadPoolExecutor threads(int concurrency) {
    int size = concurrency + 8;
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(1024), runnable -> {
          Thread thread = new Thread(runnable, "merge-service-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
