package io.evomerge.report;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * The progress of a whole run, over every method it compares and its test scoring: calls against
 * the budget, time since the run started, and an estimate of the time left from the calls still
 * planned and the call rate measured so far. The rate leaves out the attempt's first generation,
 * which carries one-off costs (Spark's first job, the service's first merges, a cold encoder):
 * its line has no estimate, and the estimate starts with the second generation.
 * Not thread-safe: one instance per attempt, on the driver.
 */
public final class RunProgress {

  private final InstantSource clock;
  private final Instant started;
  private final long apiBudget;
  private Instant firstEnd;
  private long firstDone;
  private long startCalls;
  private Instant startTime;
  private boolean marked;
  private final ArrayDeque<Point> recent = new ArrayDeque<>();

  public static final int WINDOW = 10;

  private RunProgress(InstantSource clock, Instant started, long apiBudget) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.started = started;
    this.apiBudget = apiBudget;
    this.startTime = started;
  }

  public static RunProgress start(InstantSource clock, long apiBudget) {
    return new RunProgress(clock, clock.instant(), apiBudget);
  }

  public void measureFrom(long calls) {
    if (!marked && firstEnd == null) {
      marked = true;
      startCalls = calls;
      startTime = clock.instant();
    }
  }

  /** How long the first generation took (from {@link #measureFrom}); null until it is measured. */
  public Duration firstGeneration() {
    return firstEnd == null ? null : Duration.between(startTime, firstEnd);
  }

  public Duration elapsed() {
    return Duration.between(started, clock.instant());
  }

  /**
   * The line after a generation of {@code phase}, with {@code calls} charged so far and
   * {@code remaining} calls still planned for the run (test scoring included).
   */
  public ProgressLine line(String phase, int generation, int generations, double best, double mean,
      double sigma, long calls, long remaining) {
    return new ProgressLine(phase, generation, Math.max(generations, generation + 1), best, mean,
        sigma, calls, apiBudget, elapsed(), timeLeft(calls, remaining));
  }

  /**
   * The estimated time to do {@code remaining} more calls, having done {@code calls}; null when
   * unknown (at the first generation). The rate is that of the last {@value #WINDOW} generations,
   * so that the estimate follows the run as the JVM and the service warm up.
   */
  public Duration timeLeft(long calls, long remaining) {
    Instant now = clock.instant();
    if (firstEnd == null) {
      firstEnd = now;
      firstDone = calls - startCalls;
      recent.addLast(new Point(now, calls));
      return remaining <= 0 ? Duration.ZERO : null;
    }
    recent.addLast(new Point(now, calls));
    if (recent.size() > WINDOW + 1) {
      recent.removeFirst();
    }
    Point oldest = recent.peekFirst();
    if (calls > oldest.calls()) {
      return estimate(calls - oldest.calls(), Duration.between(oldest.at(), now), remaining);
    }
    return estimate(firstDone, Duration.between(startTime, firstEnd), remaining);
  }

  private record Point(Instant at, long calls) {}

  private static Duration estimate(long done, Duration took, long remaining) {
    if (done <= 0) {
      return remaining <= 0 ? Duration.ZERO : null;
    }
    return Duration.ofNanos((long) ((double) took.toNanos() / done * Math.max(0, remaining)));
  }
}
