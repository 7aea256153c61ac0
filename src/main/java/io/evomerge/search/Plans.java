package io.evomerge.search;

import io.evomerge.search.cmaes.Covariance;
import java.util.List;

/** The stage plans of each method (see {@link MergeSearches}). Stateless. */
final class Plans {

  private Plans() {}

  /** The stages {@code settings.method()} runs over {@code n} adapters, in order. */
  static List<StagePlan> of(SearchSettings settings, int n) {
    StageSettings s1 = settings.stage1();
    StageSettings s2 = settings.stage2();
    int total = settings.totalBudget();
    double b = settings.scaleBound();
    Covariance cov = settings.covariance();
    return switch (settings.method()) {
      case EVO_MERGING -> List.of(denoising(s1, cov), scaling(s2, -b, b, n, cov));
      case WITHOUT_SIGN_FLIP -> List.of(denoising(s1, cov), scaling(s2, 0, b, n, cov));
      case WITHOUT_DENOISING -> List.of(StagePlan.scaling("scaling", s2.withBudget(total), -b, b, 1.0 / n, false, cov));
      case WITHOUT_SCALING -> List.of(denoising(s1.withBudget(total), cov));
      case LORAHUB -> List.of(StagePlan.scaling("lorahub", s2.withBudget(total), -b, b, 0.0, false, cov));
      case UNIFORM -> List.of(StagePlan.uniform());
      case BEST_SINGLE -> List.of(StagePlan.oneHot(n, s2.popSize()));
      case RANDOM_SEARCH -> List.of(StagePlan.random(total, s2.popSize(), b));
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
    return List.of(StagePlan.oneHot(n, s2.popSize()), StagePlan.refine("scaling", wide, -b, b, cov),
        StagePlan.refine("refining", narrow, -b, b, cov));
  }

  private static StagePlan denoising(StageSettings s, Covariance cov) {
    return StagePlan.denoising(s, cov);
  }

  private static StagePlan scaling(StageSettings s, double lo, double hi, int n, Covariance cov) {
    return StagePlan.scaling("scaling", s, lo, hi, 1.0 / n, true, cov);
  }
}
