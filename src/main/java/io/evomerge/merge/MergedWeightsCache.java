package io.evomerge.merge;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Merged weights by {@link MergeDigest}, least recently used evicted beyond a bound, in front of a
 * {@link MergeStrategy}. Thread-safe; a merge runs outside the lock (two threads missing on the
 * same digest may both compute it, with identical results).
 */
public final class MergedWeightsCache {

  private final MergeStrategy strategy;
  private final int capacity;
  private final Map<String, MergedLora> entries;
  private long hits;
  private long misses;

  public MergedWeightsCache(MergeStrategy strategy, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("cache capacity " + capacity + " must be >= 1");
    }
    this.strategy = strategy;
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(16, 0.75f, true);
  }

  public MergedLora get(String digest, ControlVectors vectors) {
    synchronized (entries) {
      MergedLora cached = entries.get(digest);
      if (cached != null) {
        hits++;
        return cached;
      }
      misses++;
    }
    MergedLora merged = strategy.merge(vectors);
    synchronized (entries) {
      entries.put(digest, merged);
      if (entries.size() > capacity) {
        entries.remove(entries.keySet().iterator().next());
      }
    }
    return merged;
  }

  public MergeStrategy strategy() {
    return strategy;
  }

  /** Lookups answered from the cache so far. */
  public long hits() {
    synchronized (entries) {
      return hits;
    }
  }

  public long misses() {
    synchronized (entries) {
      return misses;
    }
  }
}
