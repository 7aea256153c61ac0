package io.evomerge.search;

import io.evomerge.search.cmaes.Covariance;
import java.util.Objects;

/**
 * Everything that shapes a search, with the paper's release as defaults. Immutable.
 *
 * @param seed seed of every random draw of the search
 * @param method which method runs
 * @param stage1 the denoising stage (alpha, bounds [0,1], start 1.0, beta fixed to 1/N)
 * @param stage2 the scaling stage (beta, bounds [-scaleBound, scaleBound], start 1/N)
 * @param scaleBound bound b of beta, &gt; 0
 * @param covariance full or separable (diagonal) CMA-ES, or chosen by the number of adapters
 */
public record SearchSettings(
    long seed,
    Method method,
    StageSettings stage1,
    StageSettings stage2,
    double scaleBound,
    Covariance covariance) {

  public SearchSettings {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(stage1, "stage1");
    Objects.requireNonNull(stage2, "stage2");
    Objects.requireNonNull(covariance, "covariance");
    if (!Double.isFinite(scaleBound)) {
      throw new IllegalArgumentException("scaleBound: " + scaleBound + " must be finite");
    }
    if (!(scaleBound > 0)) {
      throw new IllegalArgumentException("scaleBound: " + scaleBound + " must be > 0");
    }
    // A step larger than the searched range only throws samples against the bounds, and a huge
    // one overflows CMA-ES's arithmetic to NaN: refuse it before any call is made.
    if (stage1.sigma() > 1) {
      throw new IllegalArgumentException("stage1.sigma: " + stage1.sigma()
          + " must be <= 1, the width of alpha's range [0, 1]");
    }
    if (stage2.sigma() > 2 * scaleBound) {
      throw new IllegalArgumentException("stage2.sigma: " + stage2.sigma() + " must be <= "
          + 2 * scaleBound + ", the width of beta's range [-scaleBound, scaleBound]");
    }
  }

  /**
   * The paper's release: seed 42, Evo-Merging, b = 1.5; both stages popsize 20, sigma 0.05, penalty
   * 0.05, with 400 evaluations for stage 1 and 800 for stage 2.
   */
  public static SearchSettings defaults() {
    return new SearchSettings(42L, Method.EVO_MERGING, new StageSettings(20, 0.05, 400, 0.05),
        new StageSettings(20, 0.05, 800, 0.05), 1.5, Covariance.AUTO);
  }

  public SearchSettings withMethod(Method newMethod) {
    return new SearchSettings(seed, newMethod, stage1, stage2, scaleBound, covariance);
  }

  public SearchSettings withSeed(long newSeed) {
    return new SearchSettings(newSeed, method, stage1, stage2, scaleBound, covariance);
  }

  /** Evaluations of both stages together: the budget every black-box method is given. */
  public int totalBudget() {
    return stage1.budget() + stage2.budget();
  }
}
