package io.evomerge.service;

import io.evomerge.data.Example;
import io.evomerge.protocol.SessionInfo;
import java.util.List;

/**
 * A bmm session: its owner and its fixed sample of {@code evaluation_batches} batches (flattened
 * in batch order). The sample never changes, so evaluating the same vectors twice gives the same
 * loss. Immutable.
 */
record Session(SessionInfo info, String owner, List<Example> sample) {

  Session {
    sample = List.copyOf(sample);
  }

  int batchSize() {
    return info.queryPlus().batchSize();
  }
}
