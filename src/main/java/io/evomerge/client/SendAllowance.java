package io.evomerge.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many more HTTP attempts the clients that share it may send: a Spark task's share of the
 * calls reserved for its generation. Once spent, a call fails instead of sending. Thread-safe.
 */
public final class SendAllowance {

  public static final SendAllowance UNLIMITED = new SendAllowance("unlimited", Long.MAX_VALUE);

  /** The JVM's allowances by key (attempts of one task in one JVM share one), the latest 4096. */
  private static final Map<String, SendAllowance> SHARED = new LinkedHashMap<>();

  private final String key;
  private final long sends;
  private final AtomicLong left;

  private SendAllowance(String key, long sends) {
    this.key = key;
    this.sends = sends;
    this.left = new AtomicLong(sends);
  }

  /** The JVM's allowance under {@code key}, of {@code sends} attempts when it is first asked for. */
  public static SendAllowance shared(String key, long sends) {
    synchronized (SHARED) {
      if (SHARED.size() >= 4096 && !SHARED.containsKey(key)) {
        SHARED.remove(SHARED.keySet().iterator().next());
      }
      return SHARED.computeIfAbsent(key, k -> new SendAllowance(k, Math.max(0, sends)));
    }
  }

  /** Takes one attempt; false when none is left. */
  boolean take() {
    return sends == Long.MAX_VALUE || left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
  }

  @Override
  public String toString() {
    return "allowance " + key + " of " + sends + " attempts";
  }
}
