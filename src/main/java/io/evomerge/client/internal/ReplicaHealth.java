package io.evomerge.client.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which replicas of a service are in the rotation, per JVM: a replica whose attempts failed
 * {@link #OUT_AFTER} times in a row is left out for {@link #COOL_DOWN_NANOS}, and its calls go to
 * the next replica in the rotation; after the cool-down it gets one attempt again, and one answer
 * brings it back for good. When every replica is out, calls go where they were routed. Routing
 * shapes only where a call goes, never what it returns. Thread-safe.
 */
public final class ReplicaHealth {

  /** Consecutive failed attempts that take a replica out of the rotation. */
  public static final int OUT_AFTER = 3;

  /** How long a replica stays out before it is tried again: 30 s. */
  public static final long COOL_DOWN_NANOS = 30_000_000_000L;

  private record Record(int failuresInARow, long lastFailure) {}

  private static final Map<String, Record> HEALTH = new ConcurrentHashMap<>();

  private ReplicaHealth() {}

  /** The replica for a call routed to {@code route}: the first in the rotation from {@code route} on. */
  public static String pick(List<String> replicas, int route) {
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

  /** Whether {@code replica} takes calls now. */
  public static boolean inRotation(String replica, long nowNanos) {
    Record record = HEALTH.get(replica);
    return record == null || record.failuresInARow() < OUT_AFTER
        || nowNanos - record.lastFailure() > COOL_DOWN_NANOS;
  }

  public static void failed(String replica) {
    long now = System.nanoTime();
    HEALTH.merge(replica, new Record(1, now), (old, one) -> new Record(old.failuresInARow() + 1, now));
  }

  public static void answered(String replica) {
    HEALTH.remove(replica);
  }
}
