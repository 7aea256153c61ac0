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
    };
  }

  private static StagePlan denoising(StageSettings s, Covariance cov) {
    return StagePlan.denoising(s, cov);
  }

  private static StagePlan scaling(StageSettings s, double lo, double hi, int n, Covariance cov) {
    return StagePlan.scaling("scaling", s, lo, hi, 1.0 / n, true, cov);
  }
}
