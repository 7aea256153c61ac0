package io.evomerge.search;

/**
 * The merge methods the job can run: Evo-Merging, its black-box baselines, its ablations, and our
 * own warm scaling.
 */
public enum Method {
  /** Stage 1 (denoising, alpha) then stage 2 (sign-aware scaling, beta). */
  EVO_MERGING("evo-merging"),
  /** One CMA-ES stage over beta with alpha = 1, L1 regularised (Huang et al.). */
  LORAHUB("lorahub"),
  /** alpha = 1, beta = 1/N: no search. */
  UNIFORM("uniform"),
  /** Each adapter alone (beta = 1 for one, 0 for the rest); the best on the fitness set wins. */
  BEST_SINGLE("best-single"),
  /** Uniform random control vectors within the bounds, same budget. */
  RANDOM_SEARCH("random-search"),
  /** Ablation: stage 2 only, alpha = 1. */
  WITHOUT_DENOISING("without-denoising"),
  /** Ablation: stage 1 only, beta = 1/N. */
  WITHOUT_SCALING("without-scaling"),
  /** Ablation: both stages, beta bounded to [0, scaleBound]. */
  WITHOUT_SIGN_FLIP("without-sign-flip"),
  /**
   * Ours, not the paper's: each adapter alone first, then CMA-ES over beta (alpha = 1) from the
   * best single adapter, in wide then narrow steps, within the same budget as the others.
   */
  WARM_SCALING("warm-scaling");

  private final String id;

  Method(String id) {
    this.id = id;
  }

  /** The name used in configuration files and outputs, for example {@code evo-merging}. */
  public String id() {
    return id;
  }
}
