package io.evomerge.encoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
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
    float[] hit = lookup(text);
    if (hit == null) {
      hit = delegate.encode(text);
      store(text, hit);
    }
    return hit.clone();
  }

  @Override
  public List<float[]> encodeAll(List<String> texts) {
    float[][] out = new float[texts.size()][];
    List<String> missing = new ArrayList<>();
    List<Integer> where = new ArrayList<>();
    for (int i = 0; i < out.length; i++) {
      out[i] = lookup(texts.get(i));
      if (out[i] == null) {
        missing.add(texts.get(i));
        where.add(i);
      }
    }
    List<float[]> computed = missing.isEmpty() ? List.of() : delegate.encodeAll(missing);
    for (int j = 0; j < computed.size(); j++) {
      store(missing.get(j), computed.get(j));
      out[where.get(j)] = computed.get(j);
    }
    return Arrays.stream(out).map(float[]::clone).toList();
  }

  /** How many texts are cached now. */
  public int size() {
    synchronized (cache) {
      return cache.size();
    }
  }

  private float[] lookup(String text) {
    synchronized (cache) {
      return cache.get(text);
    }
  }

  private void store(String text, float[] embedding) {
    float[] copy = embedding.clone();
    synchronized (cache) {
      cache.put(text, copy);
      if (cache.size() > capacity) {
        cache.remove(cache.keySet().iterator().next());
      }
    }
  }
}
