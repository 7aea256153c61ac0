package io.evomerge.service;

import io.evomerge.config.FaultsConfig;
import io.evomerge.config.LimitsConfig;
import io.evomerge.protocol.ApiKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link MergeService} runs. Immutable; its {@link #toString()} never shows a key
 * ({@link ApiKey}'s is redacted).
 *
 * @param host the address to bind; 127.0.0.1 unless the service must be reachable from elsewhere
 * @param port the port, 0 for a free one
 * @param apiKeys the accepted bearer keys; empty means an open service (no auth at all)
 * @param limits what is accepted and how much is served at once
 * @param faults what is injected (nothing by default)
 * @param dataRoot the folder bmm sessions name their data sets in; null: no sessions
 * @param presetId the bmm preset id of the model
 */
public record ServiceSettings(
    String host,
    int port,
    List<ApiKey> apiKeys,
    LimitsConfig limits,
    FaultsConfig faults,
    Path dataRoot,
    String presetId) {

  public ServiceSettings {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port = " + port + " is out of range");
    }
    apiKeys = List.copyOf(Objects.requireNonNull(apiKeys, "apiKeys"));
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(faults, "faults");
    dataRoot = dataRoot == null ? null : dataRoot.toAbsolutePath().normalize();
    Objects.requireNonNull(presetId, "presetId");
  }

  public static ServiceSettings defaults() {
    return new ServiceSettings("127.0.0.1", 0, List.of(), LimitsConfig.defaults(), FaultsConfig.none(),
        null, "reference");
  }

  /** These settings, bound to {@code host} and {@code port} instead. */
  public ServiceSettings withAddress(String h, int p) {
    return new ServiceSettings(h, p, apiKeys, limits, faults, dataRoot, presetId);
  }
}
