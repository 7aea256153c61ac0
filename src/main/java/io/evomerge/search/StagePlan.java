package io.evomerge.search;

import io.evomerge.search.cmaes.Covariance;
import java.util.Objects;

/**
 * One stage of a method's plan: what it searches, how, and how much it may spend. Made by the
 * factories below, one per kind of stage. Immutable.
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

  StagePlan {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    if (budget < 1 || popSize < 1) {
      throw new IllegalArgumentException(name + ": budget and popSize must be >= 1");
    }
    if ((kind == Kind.CMA_ALPHA || kind == Kind.CMA_BETA) != (cma != null)) {
      throw new IllegalArgumentException(name + ": CMA-ES settings belong to the CMA-ES stages only");
    }
  }

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
      Covariance covariance) {
    Cma {
      Objects.requireNonNull(covariance, "covariance");
    }
  }

  /** CMA-ES over alpha in [0,1] from 1.0, beta fixed. */
  static StagePlan denoising(StageSettings s, Covariance covariance) {
    return new StagePlan("denoising", Kind.CMA_ALPHA, s.budget(), s.popSize(), 0.0, 1.0,
        new Cma(s.sigma(), s.penalty(), 1.0, false, false, covariance));
  }

  /** CMA-ES over beta in [lower, upper] from {@code start}, alpha fixed (inherited or 1). */
  static StagePlan scaling(String name, StageSettings s, double lower, double upper, double start,
      boolean inheritAlpha, Covariance covariance) {
    return new StagePlan(name, Kind.CMA_BETA, s.budget(), s.popSize(), lower, upper,
        new Cma(s.sigma(), s.penalty(), start, inheritAlpha, false, covariance));
  }

  /** CMA-ES over beta in [lower, upper] from the best candidate of the previous stage, its alpha fixed. */
  static StagePlan refine(String name, StageSettings s, double lower, double upper, Covariance covariance) {
    return new StagePlan(name, Kind.CMA_BETA, s.budget(), s.popSize(), lower, upper,
        new Cma(s.sigma(), s.penalty(), 0, false, true, covariance));
  }

  /** The single uniform merge. */
  static StagePlan uniform() {
    return new StagePlan("uniform", Kind.UNIFORM, 1, 1, 0, 0, null);
  }

  /** Each of {@code n} adapters alone, {@code popSize} per generation. */
  static StagePlan oneHot(int n, int popSize) {
    return new StagePlan("best-single", Kind.ONE_HOT, n, popSize, 0, 0, null);
  }

  /** {@code budget} uniformly random candidates, beta in [-b, b]. */
  static StagePlan random(int budget, int popSize, double b) {
    return new StagePlan("random", Kind.RANDOM, budget, popSize, -b, b, null);
  }

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

  /** Whether CMA-ES makes the candidates. */
  boolean isCma() {
    return cma != null;
  }

  /** Whether alpha is fixed to the best alpha of the previous stage. */
  boolean inheritAlpha() {
    return cma != null && cma.inheritAlpha();
  }

  /** Whether the stage starts from the best candidate of the previous stage. */
  boolean fromBest() {
    return cma != null && cma.fromBest();
  }

  /** Generations the stage runs at most. */
  int generations() {
    return (budget + popSize - 1) / popSize;
  }
}
