package io.evomerge.job;

import io.evomerge.protocol.LimitsResponse;
import java.util.Optional;

/**
 * Where a run learns what the merge service accepts before its first evaluate call: {@code GET
 * /v1/limits} of a service that has it, the settings of an embedded one, or nothing (then the
 * checks that need the service's limits are skipped). Implementations may call the service once.
 */
@FunctionalInterface
public interface LimitsSource {

  /** The service's limits, or empty where it does not say. */
  Optional<LimitsResponse> limits();

  /** A service whose limits are not known. */
  static LimitsSource unknown() {
    return Optional::empty;
  }

  /** A service whose limits are {@code limits}. */
  static LimitsSource of(LimitsResponse limits) {
    return () -> Optional.of(limits);
  }
}
