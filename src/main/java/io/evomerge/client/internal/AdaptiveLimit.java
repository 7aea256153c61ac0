package io.evomerge.client.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many calls this JVM keeps in flight to one service, adapted to what the service can take
 * (AIMD): a 429 or a timed-out attempt halves the window (of what was really in flight, if that was less), each
 * answered call widens it by {@code 1 / window}, so it grows by about one call per round trip, up
 * to the configured maximum. Calls wait for a free slot. It
 * shapes timing only, never a result. Thread-safe.
 */
public final class AdaptiveLimit {

  private static final Map<String, AdaptiveLimit> SHARED = new ConcurrentHashMap<>();

  private final int max;
  private double window;
  private int inFlight;

  public AdaptiveLimit(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max = " + max + " must be >= 1");
    }
    this.max = max;
    this.window = max;
  }

  /** The JVM's limit for {@code key} (a base URL), created with {@code max} on first use. */
  public static AdaptiveLimit shared(String key, int max) {
    return SHARED.computeIfAbsent(key + " @ " + max, k -> new AdaptiveLimit(max));
  }

  /** Waits for a slot. */
  public synchronized void acquire() throws InterruptedException {
    while (inFlight >= (int) window) {
      wait();
    }
    inFlight++;
  }

  /**
   * Gives a slot back; {@code throttled} when the attempt showed overload (a 429, or a timeout),
   * {@code answered} on a 2xx.
   */
  public synchronized void release(boolean throttled, boolean answered) {
    if (throttled) {
      window = Math.max(1, Math.min(window, inFlight) / 2);
    } else if (answered) {
      window = Math.min(max, window + 1 / window);
    }
    inFlight--;
    notifyAll();
  }

  /** The current window (calls that may be in flight at once). */
  public synchronized int window() {
    return (int) window;
  }
}
