package io.evomerge.search.cmaes;

import java.util.function.Predicate;

/**
 * Stop rules of CMA-ES as small predicates over {@link Progress}, combined with {@link
 * Predicate#or}. Stateless and thread-safe.
 */
public final class CmaEsStops {

  private CmaEsStops() {}

  /** Stops when every coordinate's step ({@link Progress#maxStep}) fell below {@code tol}. */
  public static Predicate<Progress> byTolX(double tol) {
    return p -> p.maxStep() < tol;
  }

  /**
   * Stops when both the recent history of best fitness and the last generation's fitness span
   * less than {@code tol} (Hansen's TolFun).
   */
  public static Predicate<Progress> byTolFun(double tol) {
    return p -> Math.max(p.historyRange(), p.generationRange()) < tol;
  }

  /** Stops after {@code generations} consecutive generations of flat fitness. */
  public static Predicate<Progress> byFlatFitness(int generations) {
    return p -> p.flatGenerations() >= generations;
  }

  /** Stops when the covariance's condition number exceeds {@code max}. */
  public static Predicate<Progress> byConditionNumber(double max) {
    return p -> p.condition() > max;
  }

  /**
   * The standard rules without a budget: TolX 1e-11, TolFun 1e-11, condition 1e14 and 10 flat
   * generations (pycma's defaults, with a few more flat generations before giving up).
   */
  public static Predicate<Progress> standard() {
    return byTolX(1e-11).or(byTolFun(1e-11)).or(byConditionNumber(1e14)).or(byFlatFitness(10));
  }
}
