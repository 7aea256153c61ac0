package io.evomerge.client.internal;

import io.evomerge.config.ServiceConfig;
import io.evomerge.protocol.ApiKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a JVM finds the API key of a service: a key registered in this JVM for the service's base
 * URL (the embedded reference service, whose random key never leaves the driver's JVM; tests),
 * else the file or environment variable that {@code service.apiKey} names, read on the JVM that
 * makes the call. So the key never travels inside a serialised task: every executor reads it from
 * its own environment or secret file. Thread-safe.
 */
public final class ServiceKeys {

  private static final Map<String, ApiKey> REGISTERED = new ConcurrentHashMap<>();

  private ServiceKeys() {}

  /** Makes {@code key} the key of the service at {@code baseUrl} for every client of this JVM. */
  public static void register(String baseUrl, ApiKey key) {
    REGISTERED.put(normalise(baseUrl), key);
  }

  /** Forgets the key registered for {@code baseUrl}. */
  public static void unregister(String baseUrl) {
    REGISTERED.remove(normalise(baseUrl));
  }

  /**
   * The key for calls to {@code baseUrl}: the registered one, else the one {@code service.apiKey}
   * names in {@code env} (or its file); empty when there is none.
   */
  public static Optional<ApiKey> resolve(ServiceConfig service, String baseUrl, Map<String, String> env) {
    ApiKey registered = REGISTERED.get(normalise(baseUrl));
    if (registered != null) {
      return Optional.of(registered);
    }
    return service.apiKey().read(env).map(ApiKey::of);
  }

  /** A base URL without trailing slashes. */
  public static String normalise(String url) {
    return url.strip().replaceAll("/+$", "");
  }
}
