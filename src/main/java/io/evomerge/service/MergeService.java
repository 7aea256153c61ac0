package io.evomerge.service;

import io.evomerge.config.LimitsConfig;
import io.evomerge.model.MergeModel;
import io.evomerge.protocol.HealthResponse;
import io.evomerge.protocol.LimitsResponse;
import io.evomerge.protocol.RepositoryResponse;
import io.evomerge.protocol.StatsResponse;
import io.evomerge.service.Route.Access;
import io.evomerge.service.Route.Reply;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The reference merge service: both dialects of the merge API over HTTP, in front of any
 * {@link MergeModel}, on an embedded Jetty 12 (core handlers, no servlets). Start it with
 * {@link #start}, stop it with {@link #close()} (try-with-resources in tests and in the job).
 *
 * <p>The endpoints of both dialects are listed in {@code routes}.
 *
 * <p>Errors (evomerge dialect). 400 names the field (bad JSON, unknown or mistyped field, wrong
 * vector length, NaN, out of range, empty or too many examples, too many options, too long a
 * text); 401 for a missing or wrong key; 403 when a valid key asks for a session another key
 * made; 404 unknown path or session; 405 wrong method; 408 a body that stalled past the idle
 * timeout; 413 names the body limit; 429 with {@code Retry-After} over the concurrency or rate
 * limit; 503 with {@code Retry-After} over the byte budget of bodies in flight or past the
 * deadline. The bmm routes answer FastAPI's shapes instead ({@link BmmEndpoints}).
 *
 * <p>Resources. Jetty's selector reads every connection without a thread per client; a request
 * is admitted on its headers before its body is read ({@link ApiHandler}); the model works on a
 * pool of one thread per concurrency slot; connections silent for {@code idle_timeout_ms} are
 * closed. Thread-safe. The instance is the running service.
 */
public final class MergeService implements AutoCloseable {

  private final Server server;
  private final ServerConnector connector;
  private final ExecutorService workers;
  private final ScheduledThreadPoolExecutor timers;
  private final ServiceSettings settings;
  private final Stats stats;

  private MergeService(Server server, ServerConnector connector, ExecutorService workers,
      ScheduledThreadPoolExecutor timers, ServiceSettings settings, Stats stats) {
    this.server = server;
    this.connector = connector;
    this.workers = workers;
    this.timers = timers;
    this.settings = settings;
    this.stats = stats;
  }

  public static MergeService start(ServiceSettings settings, MergeModel model) throws IOException {
    return start(settings, model, DatasetReader.jsonLines());
  }

  public static MergeService start(ServiceSettings settings, MergeModel model, DatasetReader reader)
      throws IOException {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(reader, "reader");
    Stats stats = new Stats();
    Admission admission = new Admission(settings.limits(), System::nanoTime);
    int slots = settings.limits().concurrency();
    ThreadPoolExecutor workers = new ThreadPoolExecutor(slots, slots,
        30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemons("merge-service-work-"));
    workers.allowCoreThreadTimeOut(true);
    ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, daemons("merge-service-timer-"));
    timers.setRemoveOnCancelPolicy(true);

    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    threads.setName("merge-service-io");
    threads.setDaemon(true);
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setRequestHeaderSize(16 * 1024);
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector connector = new ServerConnector(server, 1, 2, new HttpConnectionFactory(http));
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    connector.setIdleTimeout(settings.limits().idleTimeoutMs());
    connector.setAcceptQueueSize(1024);
    server.addConnector(connector);
    server.setHandler(new ApiHandler(routes(settings, model, reader, stats), settings, admission,
        stats, workers, timers));
    server.setStopTimeout(0);
    try {
      server.start();
    } catch (Exception e) {
      workers.shutdownNow();
      timers.shutdownNow();
      stopQuietly(server);
      throw e instanceof IOException io ? io
          : new IOException("cannot start the merge service on " + settings.host() + ":" + settings.port()
              + ": " + e.getMessage(), e);
    }
    return new MergeService(server, connector, workers, timers, settings, stats);
  }

  public int port() {
    return connector.getLocalPort();
  }

  public String baseUrl() {
    String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
    return "http://" + host + ":" + port();
  }

  public StatsResponse stats() {
    return stats.snapshot();
  }

  @Override
  public void close() {
    timers.shutdownNow();
    workers.shutdownNow();
    stopQuietly(server);
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      System.getLogger(MergeService.class.getName()).log(System.Logger.Level.DEBUG, "stop: " + e.getMessage());
    }
  }

  private static List<Route> routes(ServiceSettings settings, MergeModel model, DatasetReader reader, Stats stats) {
    LimitsConfig limits = settings.limits();
    EvomergeEndpoints evomerge = new EvomergeEndpoints(model, limits, stats);
    BmmEndpoints bmm = new BmmEndpoints(model, settings, reader, stats);
    return List.of(
        new Route("GET", "/v1/health", Access.OPEN, false, call -> Reply.ok(HealthResponse.ok())),
        new Route("GET", "/health", Access.OPEN, true, call -> Reply.ok(HealthResponse.ok())),
        new Route("GET", "/v1/stats", Access.STATS, false, call -> Reply.ok(stats.snapshot())),
        new Route("GET", "/v1/repository", Access.WORK, false,
            call -> Reply.ok(new RepositoryResponse(model.baseModel(), model.adapters()))),
        new Route("GET", "/v1/limits", Access.OPEN, false, call -> Reply.ok(new LimitsResponse(
            limits.maxBodyBytes(), limits.maxExamplesPerCall(), limits.maxOptionsPerExample(),
            limits.maxTextChars(), limits.betaBound()))),
        new Route("POST", "/v1/evaluate", Access.WORK, false, evomerge::evaluate),
        new Route("POST", "/v1/predict", Access.WORK, false, evomerge::predict),
        new Route("GET", "/v1/presets", Access.WORK, true, bmm::presets),
        new Route("POST", "/v1/sessions", Access.WORK, true, bmm::create),
        new Route("GET", "/v1/sessions/{id}", Access.WORK, true, bmm::info),
        new Route("POST", "/v1/sessions/{id}/evaluate", Access.WORK, true, bmm::evaluate),
        new Route("POST", "/v1/sessions/{id}/materialize", Access.WORK, true, bmm::materialize));
  }

  private static ThreadFactory daemons(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
