package io.evomerge.search;

/**
 * Makes the {@link MergeSearch} of each {@link Method}. Stateless.
 *
 * <p>Plans, with N adapters, b = {@link SearchSettings#scaleBound()}, T = {@link
 * SearchSettings#totalBudget()}:
 *
 * <ul>
 *   <li>{@code EVO_MERGING}: stage "denoising" (CMA-ES over alpha in [0,1], start 1, beta fixed
 *       to 1/N, penalty {@code stage1.penalty * mean|alpha|}, stage1's popSize, sigma, budget),
 *       then stage "scaling" (CMA-ES over beta in [-b,b], start 1/N, alpha fixed to the best
 *       alpha of stage 1, penalty {@code stage2.penalty * mean|beta|}, stage2's settings);
 *   <li>{@code LORAHUB}: stage "lorahub", CMA-ES over beta in [-b,b] (LoraHub bounds its weights
 *       to [-1.5, 1.5]), start 0 as LoraHub does, alpha = 1, stage2's popSize, sigma and penalty
 *       (L1: {@code penalty * mean|beta|}), budget T;
 *   <li>{@code UNIFORM}: stage "uniform", one candidate alpha = 1, beta = 1/N;
 *   <li>{@code BEST_SINGLE}: stage "best-single", N candidates (beta = 1 for adapter i, 0
 *       elsewhere, alpha = 1) in generations of stage2's popSize;
 *   <li>{@code RANDOM_SEARCH}: stage "random", T candidates with alpha uniform in [0,1] and beta
 *       uniform in [-b,b], in generations of stage2's popSize;
 *   <li>{@code WITHOUT_DENOISING}: stage "scaling" alone with alpha = 1 and budget T;
 *   <li>{@code WITHOUT_SCALING}: stage "denoising" alone with budget T;
 *   <li>{@code WITHOUT_SIGN_FLIP}: as Evo-Merging with beta in [0, b];
 *   <li>{@code WARM_SCALING} (ours, not the paper's): stage "best-single" as {@code BEST_SINGLE}
 *       (N evaluations), then stage "scaling", CMA-ES over beta in [-b,b] from the best single
 *       adapter's vectors (alpha = 1), sigma 2 x stage2's, then stage "refining", the same from the
 *       best of "scaling" with sigma 0.6 x stage2's; the two split T - N in halves, stage2's
 *       popSize and penalty. Its budget is T, as LoraHub's.
 * </ul>
 *
 * <p>The uniform, best-single and random baselines add no penalty: their fitness is the loss.
 *
 * <p>Budgets are exact: a stage never asks for more candidates than its budget. A CMA-ES stage
 * whose budget is not a multiple of its popSize ends with a smaller generation (the first
 * candidates CMA-ES sampled for it), after which that stage is over, so that generation never
 * updates the distribution. A CMA-ES stage also ends early on the standard stop rules ({@link
 * io.evomerge.search.cmaes.CmaEsStops#standard()}); its unspent budget is not moved elsewhere.
 *
 * <p>{@link SearchState#best()} is the best by fitness of the latest stage that has told results
 * (fitness of different stages carry different penalties): for Evo-Merging, the best of stage 2.
 *
 * <p>Randomness: stage k's CMA-ES draws its stream from a {@link java.util.SplittableRandom}
 * seeded by {@code (seed, k)}; random search seeds each generation from {@code (seed,
 * generation)}. Covariance: {@code AUTO} is full up to {@link
 * io.evomerge.search.cmaes.Covariance#AUTO_SEPARABLE_ABOVE} adapters and separable above.
 */
public final class MergeSearches {

  private MergeSearches() {}

  /** The search of {@code settings.method()} over {@code adapters} adapters. */
  public static MergeSearch create(SearchSettings settings, int adapters) {
    return new MergeSearch(settings, adapters);
  }
}
