package io.evomerge.search;

/**
 * The CMA-ES settings of one search stage (see {@link StagePlan#of}). Immutable.
 *
 * @param popSize candidates per generation (lambda), at least 2
 * @param sigma initial step size, in the units of the searched vector, &gt; 0
 * @param budget evaluations (candidates) this stage may spend, at least {@code popSize}
 * @param penalty weight of the L1 penalty {@code penalty * mean(|x|)} added to the loss, &gt;= 0
 */
public record StageSettings(int popSize, double sigma, int budget, double penalty) {

  public StageSettings {
    if (popSize < 2) {
      throw new IllegalArgumentException("popSize: " + popSize + " must be >= 2");
    }
    if (!Double.isFinite(sigma)) {
      throw new IllegalArgumentException("sigma: " + sigma + " must be finite");
    }
    if (!(sigma > 0)) {
      throw new IllegalArgumentException("sigma: " + sigma + " must be > 0");
    }
    if (budget < popSize) {
      throw new IllegalArgumentException("budget: " + budget + " must be >= popSize (" + popSize + ")");
    }
    if (!Double.isFinite(penalty)) {
      throw new IllegalArgumentException("penalty: " + penalty + " must be finite");
    }
    if (!(penalty >= 0)) {
      throw new IllegalArgumentException("penalty: " + penalty + " must be >= 0");
    }
  }

  public StageSettings withBudget(int newBudget) {
    return new StageSettings(popSize, sigma, newBudget, penalty);
  }
}
