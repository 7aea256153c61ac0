package io.evomerge.merge;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.Supplier;

/**
 * Merged weights by key (a {@link MergeDigest}, prefixed by the strategy where several share a
 * cache), least recently used evicted beyond a count and a byte bound (a merge holds {@code 16 dim
 * rank} bytes); the newest entry is always kept. Thread-safe; a merge runs outside the lock (two
 * threads missing on the same key may both compute it, with identical results).
 */
public final class MergedWeightsCache {

  private final int capacity;
  private final long maxBytes;
  private final LinkedHashMap<String, MergedLora> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;
  private long hits;
  private long misses;

  public MergedWeightsCache(int capacity, long maxBytes) {
    if (capacity < 1) {
      throw new IllegalArgumentException("cache capacity " + capacity + " must be >= 1");
    }
    this.capacity = capacity;
    this.maxBytes = maxBytes;
  }

  /** The cached merge under {@code key}, else what {@code merge} makes (then cached). */
  public MergedLora get(String key, Supplier<MergedLora> merge) {
    synchronized (entries) {
      MergedLora cached = entries.get(key);
      if (cached != null) {
        hits++;
        return cached;
      }
      misses++;
    }
    MergedLora merged = merge.get();
    synchronized (entries) {
      MergedLora old = entries.put(key, merged);
      bytes += bytes(merged) - (old == null ? 0 : bytes(old));
      Iterator<MergedLora> eldest = entries.values().iterator();
      while (entries.size() > 1 && (entries.size() > capacity || bytes > maxBytes)) {
        bytes -= bytes(eldest.next());
        eldest.remove();
      }
    }
    return merged;
  }

  private static long bytes(MergedLora merged) {
    return 16L * merged.dim() * merged.rank();
  }

  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

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
