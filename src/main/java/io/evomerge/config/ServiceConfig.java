package io.evomerge.config;

import io.evomerge.protocol.Dialect;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The merge service the job calls, and how it calls it: the client's one settings type (the YAML
 * section {@code service} binds to it; defaults live in {@link #defaults()} only). Immutable and
 * serialisable: the executors' task functions carry it. It never holds the API key itself, only
 * {@link ApiKeySource where each JVM reads it}.
 *
 * <p><b>Replicas.</b> {@code urls}, when not empty, lists replicas of one service and replaces
 * {@code url} (which then reads as the first replica): calls are spread over them deterministically, and a replica that keeps failing is
 * left out. In dialect {@code bmm} the job opens {@code sessionsPerReplica} sessions on each
 * replica and keeps at most {@code maxInFlight} calls in flight on each session.
 *
 * <p><b>Rate limit.</b> {@code rateLimitPerSecond} holds for the whole job: each running Spark
 * task gets an equal share (the limit divided by the tasks that run at once).
 */
public record ServiceConfig(
    String url,
    List<String> urls,
    Dialect dialect,
    ApiKeySource apiKey,
    int connectTimeoutMs,
    int requestTimeoutMs,
    int maxInFlight,
    int sessionsPerReplica,
    double rateLimitPerSecond,
    RetryConfig retry,
    BmmConfig bmm,
    EmbeddedConfig embedded)
    implements Serializable {

  public static final String EMBEDDED = "embedded";

  public ServiceConfig {
    if (!EMBEDDED.equals(Check.notNull("url", url))) {
      Check.httpUrl("url", url);
    }
    urls = Check.distinctNonBlank("urls", Check.notNull("urls", urls));
    urls.forEach(u -> Check.httpUrl("urls", u));
    if (!urls.isEmpty()) {
      url = urls.get(0); // one place to read "the service" from: the first replica
    }
    Check.notNull("dialect", dialect);
    Objects.requireNonNull(apiKey, "apiKey");
    Check.positive("connectTimeoutMs", connectTimeoutMs);
    Check.positive("requestTimeoutMs", requestTimeoutMs);
    Check.atLeast("maxInFlight", maxInFlight, 0);
    Check.positive("sessionsPerReplica", sessionsPerReplica);
    Check.nonNegative("rateLimitPerSecond", rateLimitPerSecond);
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(bmm, "bmm");
    Objects.requireNonNull(embedded, "embedded");
    if (dialect == Dialect.BMM && bmm.dataset().isBlank()) {
      throw Check.invalid("bmm.dataset", bmm.dataset(), "must name the data set when dialect is bmm");
    }
  }

  /** The embedded reference service, dialect {@code evomerge}, 10 minutes of patience per call. */
  public static ServiceConfig defaults() {
    return new ServiceConfig(
        EMBEDDED,
        List.of(),
        Dialect.EVOMERGE,
        ApiKeySource.defaults(),
        10_000,
        60_000,
        0,
        1,
        0,
        RetryConfig.defaults(),
        BmmConfig.defaults(),
        EmbeddedConfig.defaults());
  }

  public boolean usesEmbedded() {
    return urls.isEmpty() && EMBEDDED.equals(url);
  }

  /** The base URLs calls go to: {@code urls}, or else {@code url}; never {@value #EMBEDDED}. */
  public List<String> replicas() {
    if (usesEmbedded()) {
      throw new IllegalStateException("service.url: 'embedded' has no address until the service is started");
    }
    return urls.isEmpty() ? List.of(url) : urls;
  }

  public int inFlight() {
    return maxInFlight > 0 ? maxInFlight : dialect == Dialect.BMM ? 1 : 16;
  }

  public ServiceConfig withUrl(String newUrl) {
    return new ServiceConfig(newUrl, List.of(), dialect, apiKey, connectTimeoutMs, requestTimeoutMs,
        maxInFlight, sessionsPerReplica, rateLimitPerSecond, retry, bmm, embedded);
  }
}
