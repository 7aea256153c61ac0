package io.evomerge.job;

import java.util.function.Predicate;

/**
 * The rules that end a method before its search is done, as small predicates over the next step
 * (Jenetics' {@code Limits} style), and the step limit that ends an invocation.
 */
final class Stops {

  /** The least share added to every plan for retries and lost tasks. */
  static final double MIN_HEADROOM = 0.1;

  private Stops() {}

  /** The step about to run from {@code state}: {@code calls} calls, {@code examples} examples. */
  record Next(JobState state, long calls, long examples) {}

  /**
   * True when the next step and the reserve kept for test scoring, both with headroom for retries
   * and lost tasks ({@link CallUsage#headroom}), would not fit the budget.
   */
  static Predicate<Next> byBudget(RunBudget limits, long reserveCalls, long reserveExamples) {
    return next -> {
      double headroom = next.state().usage().headroom(MIN_HEADROOM);
      return !limits.spend(next.state().calls(), next.state().examples())
          .allows(withHeadroom(next.calls() + reserveCalls, headroom), next.examples() + reserveExamples);
    };
  }

  /**
   * The steps (generations, a screening round counting as one) this invocation may still run
   * ({@code --stop-after-generations}). The loops check {@link #spent} before anything else and
   * {@link #count} each step they run, so an invocation stops right after its N-th step, before
   * it ends a method or scores a test set. One per invocation, on the driver; not thread-safe.
   */
  static final class StepLimit {
    private int left;

    StepLimit(int steps) {
      this.left = steps;
    }

    boolean spent() {
      return left <= 0;
    }

    void count() {
      left--;
    }
  }

  /** {@code calls} and the share {@code headroom} of them, rounded up. */
  static long withHeadroom(long calls, double headroom) {
    return calls + (long) Math.ceil(calls * headroom);
  }
}
