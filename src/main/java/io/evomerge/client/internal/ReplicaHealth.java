package io.evomerge.client.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which replicas of a service are in the rotation, per JVM: a replica whose attempts failed
 * {@link #OUT_AFTER} times in a row is left out, and its calls go to the next replica in the
 * rotation; one answer brings it back. When every replica is out, calls go where they were
 * routed. Routing shapes only where a call goes, never what it returns. Thread-safe.
 */
public final class ReplicaHealth {

  /** Consecutive failed attempts that take a replica out of the rotation. */
  public static final int OUT_AFTER = 3;

  private static final Map<String, AtomicInteger> FAILURES_IN_A_ROW = new ConcurrentHashMap<>();

  private ReplicaHealth() {}

  /** The replica for a call routed to {@code route}: the first in the rotation from {@code route} on. */
  public static String pick(List<String> replicas, int route) {
    int n = replicas.size();
    int start = Math.floorMod(route, n);
    for (int i = 0; i < n; i++) {
      String candidate = replicas.get((start + i) % n);
      if (inRotation(candidate)) {
        return candidate;
      }
    }
    return replicas.get(start);
  }

  public static boolean inRotation(String replica) {
    AtomicInteger failures = FAILURES_IN_A_ROW.get(replica);
    return failures == null || failures.get() < OUT_AFTER;
  }

  public static void failed(String replica) {
    FAILURES_IN_A_ROW.computeIfAbsent(replica, r -> new AtomicInteger()).incrementAndGet();
  }

  public static void answered(String replica) {
    AtomicInteger failures = FAILURES_IN_A_ROW.get(replica);
    if (failures != null) {
      failures.set(0);
    }
  }
}
