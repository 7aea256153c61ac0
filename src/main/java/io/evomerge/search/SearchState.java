package io.evomerge.search;

import io.evomerge.merge.ControlVectors;
import io.evomerge.search.cmaes.CmaEsState;
import java.util.Objects;

/**
 * The whole state of a search between two generations, and its only form: {@link MergeSearch}
 * starts it, asks the generation it stands before and tells it the next state. Plain records of
 * numbers and arrays: Jackson writes it and reads it back ({@code readValue(json,
 * SearchState.class)}), and the read state asks for exactly the candidates the written one would
 * have. Immutable.
 *
 * @param method id of the method ({@link Method#id()}), checked by ask and tell
 * @param seed the search seed, checked by ask and tell
 * @param adapters number of adapters N, checked by ask and tell
 * @param stage index of the running stage in the method's plan; the stage count once done
 * @param generation generations told so far, over all stages (the next generation's number)
 * @param evaluations candidates told so far, over all stages
 * @param current the running stage, null once done
 * @param best the best candidate, by fitness, of the latest stage that has told results (of the
 *     running stage once it has told any); null before the first tell
 */
public record SearchState(
    String method,
    long seed,
    int adapters,
    int stage,
    int generation,
    int evaluations,
    StageState current,
    Evaluated best) {

  public SearchState {
    Objects.requireNonNull(method, "method");
    if (stage < 0 || generation < 0 || evaluations < 0 || adapters < 1) {
      throw new IllegalArgumentException("search state: negative counter or no adapters");
    }
  }

  /** Whether every stage has ended: the search asks for nothing more. */
  public boolean done() {
    return current == null;
  }

  /**
   * The running stage.
   *
   * @param evaluations candidates this stage has told
   * @param fixed the control vectors outside what the stage searches
   * @param cma the CMA-ES state of a CMA-ES stage, null for the others
   */
  public record StageState(int evaluations, ControlVectors fixed, CmaEsState cma) {
    public StageState {
      Objects.requireNonNull(fixed, "fixed");
    }
  }
}
