package io.evomerge.service;

import io.evomerge.config.FaultsConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import io.evomerge.merge.MergeDigest;
import java.security.MessageDigest;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides the fault of each request, deterministically: from ({@code seed}, the first 8 bytes of
 * {@link #sha256} of the endpoint and body, how many times that same request was seen).
 * Remembers one counter per distinct request while faults are on. Thread-safe.
 */
final class FaultPlan {

  private final FaultsConfig settings;
  private final Map<Long, AtomicInteger> seen = new ConcurrentHashMap<>();

  FaultPlan(FaultsConfig settings) {
    this.settings = settings;
  }

  Fault next(String endpoint, byte[] body) {
    if (!settings.injectsAny()) {
      return Fault.NONE;
    }
    long request = ByteBuffer.wrap(sha256(endpoint, body)).getLong();
    int sending = seen.computeIfAbsent(request, r -> new AtomicInteger()).getAndIncrement();
    return decide(settings, request, sending);
  }

  static Fault decide(FaultsConfig settings, long request, int sending) {
    SplittableRandom random = new SplittableRandom(mix(settings.seed(), request, sending));
    long latency = settings.latencyMs() + (settings.jitterMs() > 0 ? random.nextLong(settings.jitterMs() + 1) : 0);
    double u = random.nextDouble();
    boolean first = random.nextBoolean();
    Fault.Kind kind = settings.faults(sending) ? kind(settings, u, first) : Fault.Kind.NONE;
    return new Fault(kind, latency);
  }

  private static Fault.Kind kind(FaultsConfig s, double u, boolean first) {
    double edge = s.errorRate();
    if (u < edge) {
      return first ? Fault.Kind.HTTP_500 : Fault.Kind.HTTP_503;
    }
    if (u < (edge += s.throttleRate())) {
      return Fault.Kind.HTTP_429;
    }
    if (u < (edge += s.hangRate())) {
      return Fault.Kind.HANG;
    }
    if (u < (edge += s.truncateRate())) {
      return Fault.Kind.TRUNCATE;
    }
    return u < edge + s.garbageRate() ? Fault.Kind.GARBAGE : Fault.Kind.NONE;
  }

  /** SHA-256 of {@code head}, a newline and {@code body}. */
  static byte[] sha256(String head, byte[] body) {
    MessageDigest sha = MergeDigest.sha256();
    sha.update((head + "\n").getBytes(StandardCharsets.UTF_8));
    return sha.digest(body);
  }

  private static long mix(long seed, long request, int sending) {
    long h = seed * 0x9E3779B97F4A7C15L ^ request;
    h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + sending;
    return h ^ (h >>> 29);
  }
}
