package io.evomerge.job;

/**
 * The most service calls and examples a run may spend, 0 meaning unlimited; what has been spent.
 * Planned before each generation, so it is never exceeded. Immutable.
 */
public record RunBudget(long maxApiCalls, long maxExamples, long calls, long examples) {

  public static RunBudget of(long maxApiCalls, long maxExamples) {
    return new RunBudget(maxApiCalls, maxExamples, 0, 0);
  }

  /** Whether {@code calls} more calls sending {@code examples} more examples still fit. */
  public boolean allows(long moreCalls, long moreExamples) {
    return fits(maxApiCalls, calls + moreCalls) && fits(maxExamples, examples + moreExamples);
  }

  public RunBudget spend(long moreCalls, long moreExamples) {
    return new RunBudget(maxApiCalls, maxExamples, calls + moreCalls, examples + moreExamples);
  }

  /**
   * The calls an evaluation that reserves {@code reserved} may send: up to twice that, as far as
   * the budget left after {@code kept} calls (test scoring) allows, never less than {@code
   * reserved}. It rides out more retries than planned; only a crash charges all of it.
   */
  public long allowance(long reserved, long kept) {
    long left = maxApiCalls == 0 ? Long.MAX_VALUE : maxApiCalls - calls - kept;
    return Math.max(reserved, Math.min(2 * reserved, left));
  }

  private static boolean fits(long max, long total) {
    return max == 0 || total <= max;
  }
}
