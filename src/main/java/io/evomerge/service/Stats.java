package io.evomerge.service;

import io.evomerge.protocol.StatsResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Exact counts of what the service served, for {@code GET /v1/stats}. Thread-safe. */
final class Stats {

  private final Map<String, Map<Integer, LongAdder>> calls = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> faults = new ConcurrentHashMap<>();
  private final LongAdder scored = new LongAdder();
  private final LongAdder predicted = new LongAdder();

  void call(String endpoint, int status) {
    calls.computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>())
        .computeIfAbsent(status, s -> new LongAdder())
        .increment();
  }

  void fault(String kind) {
    faults.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  void scored(int examples) {
    scored.add(examples);
  }

  void predicted(int examples) {
    predicted.add(examples);
  }

  StatsResponse snapshot() {
    Map<String, Map<String, Long>> byEndpoint = new TreeMap<>();
    calls.forEach((endpoint, byStatus) -> {
      Map<String, Long> counts = new TreeMap<>();
      byStatus.forEach((status, n) -> counts.put(Integer.toString(status), n.sum()));
      byEndpoint.put(endpoint, counts);
    });
    Map<String, Long> faultCounts = new TreeMap<>();
    faults.forEach((kind, n) -> faultCounts.put(kind, n.sum()));
    return new StatsResponse(byEndpoint, scored.sum(), predicted.sum(), faultCounts);
  }
}
