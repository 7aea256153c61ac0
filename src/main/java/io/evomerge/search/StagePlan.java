package io.evomerge.search;

import io.evomerge.search.cmaes.Covariance;
import java.util.List;

/**
 * One stage of a method's plan: what it searches, how, and how much it may spend. Immutable; made
 * only by {@link #of}, whose settings are already checked (budget and popSize at least 1).
 *
 * @param name stage name reported in candidates, for example {@code denoising}
 * @param kind how candidates are made
 * @param budget candidates the stage may ask for, exactly
 * @param popSize candidates per generation
 * @param lower lower bound of the searched coordinates
 * @param upper upper bound of the searched coordinates
 * @param cma how CMA-ES runs, for the CMA-ES kinds; null for the others
 */
record StagePlan(String name, Kind kind, int budget, int popSize, double lower, double upper, Cma cma) {

  /**
   * The CMA-ES part of a stage. Immutable.
   *
   * @param sigma initial step size
   * @param penalty weight of {@code mean|searched vector|} added to the loss
   * @param start start of every searched coordinate
   * @param inheritAlpha whether alpha is fixed to the best alpha of the previous stage
   * @param fromBest whether the stage starts from the best candidate of the previous stage: its
   *     vectors are the fixed part, and CMA-ES starts at its beta ({@code start} unused)
   * @param covariance covariance model
   */
  record Cma(double sigma, double penalty, double start, boolean inheritAlpha, boolean fromBest,
      Covariance covariance) {}

  /** How a stage makes its candidates. */
  enum Kind {
    /** CMA-ES over alpha; beta fixed. */
    CMA_ALPHA,
    /** CMA-ES over beta; alpha fixed. */
    CMA_BETA,
    /** The single uniform merge: alpha = 1, beta = 1/N. */
    UNIFORM,
    /** Each adapter alone: beta = 1 for adapter i, 0 elsewhere, alpha = 1. */
    ONE_HOT,
    /** Uniform random alpha and beta within the bounds. */
    RANDOM
  }

  /**
   * The stages {@code settings.method()} runs over {@code n} adapters, in order, with b = {@link
   * SearchSettings#scaleBound()} and T = {@link SearchSettings#totalBudget()}:
   *
   * <ul>
   *   <li>{@code EVO_MERGING}: "denoising" (CMA-ES over alpha in [0,1] from 1, beta fixed to 1/N,
   *       stage1's settings), then "scaling" (CMA-ES over beta in [-b,b] from 1/N, alpha fixed to
   *       the best alpha of stage 1, stage2's settings); each penalty is {@code penalty *
   *       mean|searched vector|};
   *   <li>{@code LORAHUB}: "lorahub", CMA-ES over beta in [-b,b] from 0 as LoraHub does, alpha = 1,
   *       stage2's settings with budget T;
   *   <li>{@code UNIFORM}: "uniform", one candidate alpha = 1, beta = 1/N;
   *   <li>{@code BEST_SINGLE}: "best-single", each adapter alone in generations of stage2's popSize;
   *   <li>{@code RANDOM_SEARCH}: "random", T candidates with alpha uniform in [0,1] and beta in
   *       [-b,b], in generations of stage2's popSize;
   *   <li>{@code WITHOUT_DENOISING}, {@code WITHOUT_SCALING}: "scaling" (alpha = 1) or "denoising"
   *       alone, budget T; {@code WITHOUT_SIGN_FLIP}: as Evo-Merging with beta in [0, b];
   *   <li>{@code WARM_SCALING} (ours): "best-single", then "scaling" and "refining", CMA-ES over beta
   *       in [-b,b] from the best so far (see {@link #warmScaling}); budget T, as LoraHub's.
   * </ul>
   *
   * The baselines (uniform, best-single, random) add no penalty: their fitness is the loss.
   */
  static List<StagePlan> of(SearchSettings settings, int n) {
    StageSettings s1 = settings.stage1();
    StageSettings s2 = settings.stage2();
    int total = settings.totalBudget();
    double b = settings.scaleBound();
    Covariance cov = settings.covariance();
    return switch (settings.method()) {
      case EVO_MERGING -> List.of(denoising(s1, cov), scaling("scaling", s2, -b, b, 1.0 / n, true, cov));
      case WITHOUT_SIGN_FLIP -> List.of(denoising(s1, cov), scaling("scaling", s2, 0, b, 1.0 / n, true, cov));
      case WITHOUT_DENOISING -> List.of(scaling("scaling", s2.withBudget(total), -b, b, 1.0 / n, false, cov));
      case WITHOUT_SCALING -> List.of(denoising(s1.withBudget(total), cov));
      case LORAHUB -> List.of(scaling("lorahub", s2.withBudget(total), -b, b, 0.0, false, cov));
      case UNIFORM -> List.of(new StagePlan("uniform", Kind.UNIFORM, 1, 1, 0, 0, null));
      case BEST_SINGLE -> List.of(oneHot(n, s2.popSize()));
      case RANDOM_SEARCH -> List.of(new StagePlan("random", Kind.RANDOM, total, s2.popSize(), -b, b, null));
      case WARM_SCALING -> warmScaling(s2, total, n, b, cov);
    };
  }

  /**
   * Each adapter alone, then two CMA-ES stages over beta that each start from the best so far:
   * "scaling" (sigma 2 x stage2's) and "refining" (sigma 0.6 x stage2's), half the rest each, in
   * generations of stage2's popSize, or of half a stage's budget where that is smaller.
   */
  private static List<StagePlan> warmScaling(StageSettings s2, int total, int n, double b, Covariance cov) {
    int rest = total - n;
    if (rest < 4) {
      throw new IllegalArgumentException("search.method warm-scaling scores each of the " + n
          + " adapters alone first, then needs at least 4 evaluations more: raise search.stage1.budget"
          + " + search.stage2.budget (now " + total + ") or select fewer adapters");
    }
    int pop = Math.min(s2.popSize(), rest / 2);
    StageSettings wide = new StageSettings(pop, 2 * s2.sigma(), rest / 2, s2.penalty());
    StageSettings narrow = new StageSettings(pop, 0.6 * s2.sigma(), rest - rest / 2, s2.penalty());
    return List.of(oneHot(n, s2.popSize()), refine("scaling", wide, -b, b, cov),
        refine("refining", narrow, -b, b, cov));
  }

  /** CMA-ES over alpha in [0,1] from 1.0, beta fixed. */
  private static StagePlan denoising(StageSettings s, Covariance covariance) {
    return new StagePlan("denoising", Kind.CMA_ALPHA, s.budget(), s.popSize(), 0.0, 1.0,
        new Cma(s.sigma(), s.penalty(), 1.0, false, false, covariance));
  }

  /** CMA-ES over beta in [lower, upper] from {@code start}, alpha fixed (inherited or 1). */
  private static StagePlan scaling(String name, StageSettings s, double lower, double upper, double start,
      boolean inheritAlpha, Covariance covariance) {
    return new StagePlan(name, Kind.CMA_BETA, s.budget(), s.popSize(), lower, upper,
        new Cma(s.sigma(), s.penalty(), start, inheritAlpha, false, covariance));
  }

  /** CMA-ES over beta in [lower, upper] from the best candidate of the previous stage. */
  private static StagePlan refine(String name, StageSettings s, double lower, double upper, Covariance covariance) {
    return new StagePlan(name, Kind.CMA_BETA, s.budget(), s.popSize(), lower, upper,
        new Cma(s.sigma(), s.penalty(), 0, false, true, covariance));
  }

  private static StagePlan oneHot(int n, int popSize) {
    return new StagePlan("best-single", Kind.ONE_HOT, n, popSize, 0, 0, null);
  }

  /** Generations the stage runs at most. */
  int generations() {
    return (budget + popSize - 1) / popSize;
  }
}
