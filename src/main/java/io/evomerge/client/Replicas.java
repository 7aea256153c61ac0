package io.evomerge.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this JVM knows of a service's replicas: the rotation, and the {@link Window} of calls in
 * flight to each; timing and routing only, never what a call returns. Thread-safe. A replica whose
 * attempts failed {@link #OUT_AFTER} times in a row is left out for {@link #COOL_DOWN_NANOS} (its
 * calls go to the next one), then gets one attempt again; one answer brings it back. When every
 * replica is out, calls go where they were routed.
 */
final class Replicas {

  static final int OUT_AFTER = 3;

  static final long COOL_DOWN_NANOS = 30_000_000_000L;

  private record Health(int failuresInARow, long lastFailure) {}

  private static final Map<String, Health> HEALTH = new ConcurrentHashMap<>();
  private static final Map<String, Window> WINDOWS = new ConcurrentHashMap<>();

  private Replicas() {}

  /** The replica for a call routed to {@code route}: the first in the rotation from {@code route} on. */
  static String pick(List<String> replicas, int route) {
    int n = replicas.size();
    int start = Math.floorMod(route, n);
    long now = System.nanoTime();
    for (int i = 0; i < n; i++) {
      String candidate = replicas.get((start + i) % n);
      if (inRotation(candidate, now)) {
        return candidate;
      }
    }
    return replicas.get(start);
  }

  static boolean inRotation(String replica, long nowNanos) {
    Health health = HEALTH.get(replica);
    return health == null || health.failuresInARow() < OUT_AFTER || nowNanos - health.lastFailure() > COOL_DOWN_NANOS;
  }

  static void failed(String replica) {
    long now = System.nanoTime();
    HEALTH.merge(replica, new Health(1, now), (old, one) -> new Health(old.failuresInARow() + 1, now));
  }

  static void answered(String replica) {
    HEALTH.remove(replica);
  }

  /** The JVM's window for {@code replica}, created with {@code max} on first use. */
  static Window window(String replica, int max) {
    return WINDOWS.computeIfAbsent(replica + " @ " + max, k -> new Window(max));
  }

  /**
   * How many calls may be in flight at once (AIMD): a 429 or a timeout halves the window (of what
   * was really in flight, if less), each answer widens it by {@code 1 / window}, up to the maximum.
   */
  static final class Window {
    private final int max;
    private double window;
    private int inFlight;

    Window(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("max = " + max + " must be >= 1");
      }
      this.max = max;
      this.window = max;
    }

    synchronized void acquire() throws InterruptedException {
      while (inFlight >= (int) window) {
        wait();
      }
      inFlight++;
    }

    /** Gives a slot back: {@code throttled} when the attempt showed overload (429, timeout), or {@code answered}. */
    synchronized void release(boolean throttled, boolean answered) {
      if (throttled) {
        window = Math.max(1, Math.min(window, inFlight) / 2);
      } else if (answered) {
        window = Math.min(max, window + 1 / window);
      }
      inFlight--;
      notifyAll();
    }

    synchronized int window() {
      return (int) window;
    }
  }
}
