package io.evomerge.config;

import java.io.Serializable;
import java.util.Objects;

/**
 * The reference merge service the driver starts on loopback when {@code service.url} is {@code
 * embedded}; also what {@code serve} starts. Immutable.
 *
 * @param repository folder of the adapter repository (PEFT layout, one folder per adapter)
 * @param port TCP port on 127.0.0.1, 0 = a free port
 * @param limits limits the service enforces
 * @param faults faults the service injects
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
