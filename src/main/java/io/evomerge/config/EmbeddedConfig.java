package io.evomerge.config;

import java.io.Serializable;
import java.util.Objects;

/**
 * The reference merge service the driver starts on loopback when {@code service.url} is {@code
 * embedded}; also what {@code serve} starts. Immutable.
 */
public record EmbeddedConfig(String repository, int port, LimitsConfig limits, FaultsConfig faults)
    implements Serializable {

  public EmbeddedConfig {
    Check.pathOrUri("repository", repository);
    Check.atLeast("port", port, 0);
    Check.atMost("port", port, 65_535);
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(faults, "faults");
  }

  public static EmbeddedConfig defaults() {
    return new EmbeddedConfig("data/repository", 0, LimitsConfig.defaults(), FaultsConfig.none());
  }
}
