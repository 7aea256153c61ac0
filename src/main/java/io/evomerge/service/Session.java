package io.evomerge.service;

import io.evomerge.data.Example;
import io.evomerge.protocol.SessionInfo;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bmm session: its owner, its fixed sample of {@code evaluation_batches} batches (flattened in
 * batch order) and how many evaluations it served. The sample never changes, so evaluating the
 * same vectors twice gives the same loss. Thread-safe.
 */
final class Session {

  private final SessionInfo info;
  private final String owner;
  private final List<Example> sample;
  private final AtomicLong evaluations = new AtomicLong();

  Session(SessionInfo info, String owner, List<Example> sample) {
    this.info = info;
    this.owner = owner;
    this.sample = List.copyOf(sample);
  }

  String owner() {
    return owner;
  }

  List<Example> sample() {
    return sample;
  }

  int batchSize() {
    return info.queryPlus().batchSize();
  }

  void evaluated() {
    evaluations.incrementAndGet();
  }

  SessionInfo info() {
    return info;
  }

  long evaluations() {
    return evaluations.get();
  }
}
