package io.evomerge.search.cmaes;

/**
 * Where a CMA-ES run stands, the input of its stop rules. Immutable.
 *
 * @param generation generations told so far
 * @param evaluations candidates told so far
 * @param sigma current step size
 * @param bestFitness best fitness told so far, {@code +Infinity} before the first tell
 * @param maxStep {@code sigma * max_i s_i max(sqrt(C_ii), |pc_i|)}, with pycma's scaling {@code s}:
 *     the largest coordinate step
 * @param condition condition number of C (separable: of the squared scaling)
 * @param generationRange max minus min fitness of the last generation, {@code +Infinity} before
 * @param historyRange max minus min of the best fitness of the last {@code 10 + ceil(30 n /
 *     lambda)} generations, {@code +Infinity} until that many generations were told
 * @param flatGenerations consecutive generations whose best and 0.7-quantile fitness were equal
 */
public record Progress(
    int generation,
    long evaluations,
    double sigma,
    double bestFitness,
    double maxStep,
    double condition,
    double generationRange,
    double historyRange,
    int flatGenerations) {

  /**
   * Whether a standard stop rule (without a budget) fires: TolX 1e-11 (every coordinate's step),
   * TolFun 1e-11 (both the recent history of best fitness and the last generation span less),
   * condition number above 1e14, or 10 generations of flat fitness (pycma's defaults, with a few
   * more flat generations before giving up).
   */
  public boolean stopped() {
    return maxStep < 1e-11 || Math.max(historyRange, generationRange) < 1e-11 || condition > 1e14
        || flatGenerations >= 10;
  }
}
