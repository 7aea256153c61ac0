package io.evomerge.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Settings records for tests, written as a user writes them: YAML keys laid over the defaults by
 * {@link ConfigLoader}, so that a test names only what it changes and a bad value fails with the
 * loader's message.
 */
public final class TestConfigs {

  private TestConfigs() {}

  /** The {@code service} section calling {@code url}, with {@code keys} such as {@code maxInFlight=4}. */
  public static ServiceConfig service(String url, String... keys) {
    List<String> sets = new ArrayList<>(List.of("service.url=" + url));
    for (String key : keys) {
      sets.add("service." + key);
    }
    return ConfigLoader.load(sets).service();
  }

  /** As {@link #service(String, String...)}, with {@code retry} in place of the default patience. */
  public static ServiceConfig service(String url, RetryConfig retry, String... keys) {
    ServiceConfig s = service(url, keys);
    return new ServiceConfig(s.url(), s.urls(), s.dialect(), s.apiKey(), s.connectTimeoutMs(),
        s.requestTimeoutMs(), s.maxInFlight(), s.sessionsPerReplica(), s.rateLimitPerSecond(), retry,
        s.bmm(), s.embedded());
  }

  /** As {@link #service(String, String...)} in dialect {@code bmm} on the data set {@code dataset}. */
  public static ServiceConfig bmm(String url, String dataset, String... keys) {
    List<String> sets = new ArrayList<>(List.of("dialect=bmm", "bmm.dataset=" + dataset));
    sets.addAll(List.of(keys));
    return service(url, sets.toArray(String[]::new));
  }

  /** The {@code service.embedded.faults} section with {@code yaml}, e.g. {@code seed: 3, errorRate: 1}. */
  public static FaultsConfig faults(String yaml) {
    return embedded("faults", yaml).faults();
  }

  /** The {@code service.embedded.limits} section with {@code yaml}, e.g. {@code maxConcurrent: 1}. */
  public static LimitsConfig limits(String yaml) {
    return embedded("limits", yaml).limits();
  }

  private static EmbeddedConfig embedded(String section, String yaml) {
    return ConfigLoader.load(List.of("service.embedded." + section + "={" + yaml + "}"))
        .service().embedded();
  }

  /** The {@code selection} section screening for the top {@code k} adapters over {@code shards}. */
  public static SelectionSettings topK(int k, int shards, String... pinned) {
    return new SelectionSettings(k, List.of(pinned), shards, SelectionSettings.all().keepFraction());
  }
}
