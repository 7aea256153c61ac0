package io.evomerge.search;

import io.evomerge.merge.ControlVectors;
import io.evomerge.search.cmaes.CmaEsState;
import java.util.Objects;

/**
 * The whole state of a search between two generations, and its only form: {@link MergeSearch}
 * starts it, asks the generation it stands before and tells it the next state, as Jenetics steps
 * an evolution. Plain records of numbers and arrays: write it with {@code
 * ObjectMapper.writeValueAsString(state)} and read it back with {@code readValue(json,
 * SearchState.class)}; the read state asks for exactly the candidates the written one would have.
 * Immutable: arrays are copied in; accessors return the stored arrays (treat them as read-only).
 *
 * @param method id of the method ({@link Method#id()}), checked by ask and tell
 * @param seed the search seed, checked by ask and tell
 * @param adapters number of adapters N, checked by ask and tell
 * @param stage index of the running stage in the method's plan; the stage count once done
 * @param generation generations told so far, over all stages (the next generation's number)
 * @param evaluations candidates told so far, over all stages
 * @param current the running stage, null once done
 * @param best the best candidate, by fitness, of the latest stage that has told results; null before
 *     the first tell
 */
public record SearchState(
    String method,
    long seed,
    int adapters,
    int stage,
    int generation,
    int evaluations,
    StageState current,
    Best best) {

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
   * @param alpha the control vectors' alpha outside what the stage searches (its fixed part)
   * @param beta the control vectors' beta outside what the stage searches (its fixed part)
   * @param cma the CMA-ES state of a CMA-ES stage, null for the others
   * @param best the best candidate of this stage, null before its first tell
   */
  public record StageState(int evaluations, double[] alpha, double[] beta, CmaEsState cma, Best best) {
    public StageState {
      alpha = alpha.clone();
      beta = beta.clone();
    }
  }

  /**
   * An evaluated candidate ({@link Evaluated}) as plain numbers.
   *
   * @param stage the stage that asked for it
   * @param generation its generation
   * @param index its position in the generation
   * @param penalty the penalty added to the loss
   * @param loss the loss told
   * @param fitness {@code loss + penalty}
   */
  public record Best(
      String stage,
      int generation,
      int index,
      double[] alpha,
      double[] beta,
      double penalty,
      double loss,
      double fitness) {

    public Best {
      Objects.requireNonNull(stage, "stage");
      alpha = alpha.clone();
      beta = beta.clone();
    }

    /** The plain form of {@code e}. */
    public static Best of(Evaluated e) {
      Candidate c = e.candidate();
      return new Best(c.stage(), c.generation(), c.index(), c.vectors().alpha(), c.vectors().beta(),
          c.penalty(), e.loss(), e.fitness());
    }

    /** Back to an {@link Evaluated}, with the stored fitness. */
    public Evaluated toEvaluated() {
      Candidate c = new Candidate(stage, generation, index, ControlVectors.of(alpha, beta), penalty);
      return new Evaluated(c, loss, fitness);
    }
  }
}
