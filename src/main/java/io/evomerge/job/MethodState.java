package io.evomerge.job;

import io.evomerge.report.TestScore;
import io.evomerge.search.Method;
import io.evomerge.search.SearchState;
import java.util.Objects;

/**
 * Where one method of a run stands between two generations: its search state and what it has
 * spent; once scored, its best merge's test score. Part of the checkpoint, of constant size (the
 * history rows are kept in files of their own). Immutable.
 *
 * @param method the method
 * @param search the search state, from which the next generation is asked
 * @param calls service calls charged to this method's search (sent, retries and lost tasks included)
 * @param examples examples this method's search planned to send
 * @param finished whether the search has ended (done, or stopped by the budget)
 * @param stoppedByBudget whether it ended because the next generation would not fit the budget
 * @param test the test score of its best merge; null until scored
 */
public record MethodState(
    Method method,
    SearchState search,
    long calls,
    long examples,
    boolean finished,
    boolean stoppedByBudget,
    TestScore test) {

  public MethodState {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(search, "search");
  }

  public static MethodState start(Method method, SearchState search) {
    return new MethodState(method, search, 0, 0, false, false, null);
  }

  /** After a generation that cost {@code usage}, with the search now at {@code next}. */
  MethodState after(SearchState next, CallUsage usage) {
    return new MethodState(method, next, calls + usage.spent(), examples + usage.examples(), next.done(), false, null);
  }

  /** Ended: its search is done, or ({@code byBudget}) the next generation would not fit. */
  MethodState finish(boolean byBudget) {
    return new MethodState(method, search, calls, examples, true, byBudget, null);
  }

  /** Scored on the test set. */
  MethodState withTest(TestScore score) {
    return new MethodState(method, search, calls, examples, finished, stoppedByBudget, score);
  }

  /** Candidates evaluated (history rows written). */
  public int evaluations() {
    return search.evaluations();
  }
}
