package io.evomerge.config;

import java.io.Serializable;

/**
 * Hard limits of a run's service usage, planned before each generation and never exceeded; the
 * run stops cleanly at a limit and still writes its outputs. Immutable.
 */
public record BudgetConfig(long maxApiCalls, long maxExamples) implements Serializable {

  public BudgetConfig {
    Check.atLeast("maxApiCalls", maxApiCalls, 0);
    Check.atLeast("maxExamples", maxExamples, 0);
  }

  public static BudgetConfig unlimited() {
    return new BudgetConfig(0, 0);
  }
}
