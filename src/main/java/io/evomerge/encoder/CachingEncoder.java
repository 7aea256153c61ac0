package io.evomerge.encoder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link TextEncoder} decorator that remembers embeddings by exact text, evicting the least
 * recently used beyond a bound. Thread-safe: lookups take a short lock, encoding runs outside it.
 * Returned arrays are copies.
 */
public final class CachingEncoder implements TextEncoder {

  private final TextEncoder delegate;
  private final int capacity;
  private final Map<String, float[]> cache;

  public CachingEncoder(TextEncoder delegate, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("cache capacity " + capacity + " must be >= 1");
    }
    this.delegate = delegate;
    this.capacity = capacity;
    this.cache = new LinkedHashMap<>(1024, 0.75f, true);
  }

  @Override
  public int dimension() {
    return delegate.dimension();
  }

  @Override
  public float[] encode(String text) {
    float[] hit;
    synchronized (cache) {
      hit = cache.get(text);
    }
    if (hit == null) {
      hit = delegate.encode(text);
      synchronized (cache) {
        cache.put(text, hit);
        if (cache.size() > capacity) {
          cache.remove(cache.keySet().iterator().next());
        }
      }
    }
    return hit.clone();
  }

  /** How many texts are cached now. */
  public int size() {
    synchronized (cache) {
      return cache.size();
    }
  }
}
