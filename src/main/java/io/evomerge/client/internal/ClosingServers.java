package io.evomerge.client.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Protocol;
import okhttp3.Response;

/**
 * The servers, per JVM, that close every connection after an answer: they answer HTTP/1.0
 * without {@code Connection: keep-alive} (Python's stdlib servers). OkHttp would pool such a
 * connection anyway, and the next call on it would fail; requests to these servers say
 * {@code Connection: close} instead, so no dead connection is reused. Thread-safe.
 */
public final class ClosingServers {

  private static final Set<String> CLOSING = ConcurrentHashMap.newKeySet();

  private ClosingServers() {}

  /** Whether {@code baseUrl} is known to close every connection. */
  public static boolean closes(String baseUrl) {
    return CLOSING.contains(baseUrl);
  }

  /**
   * Learns from an answer of {@code baseUrl}; true when it shows, for the first time, that the
   * server closes every connection (then the caller drops the idle pooled ones).
   */
  public static boolean learn(String baseUrl, Response response) {
    boolean closing = response.protocol() == Protocol.HTTP_1_0
        && !"keep-alive".equalsIgnoreCase(response.header("Connection"));
    return closing && CLOSING.add(baseUrl);
  }
}
