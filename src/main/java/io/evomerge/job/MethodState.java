package io.evomerge.job;

import io.evomerge.report.TestScore;
import io.evomerge.search.Method;
import io.evomerge.search.SearchState;
import java.util.Objects;

/**
 * Where one method of a run stands between two generations; part of the checkpoint, of constant
 * size. Immutable.
 *
 * @param calls service calls charged to this method's search (retries and lost tasks included)
 * @param examples examples this method's search planned to send
 * @param finished whether the search has ended (done, or stopped by the budget)
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
}
