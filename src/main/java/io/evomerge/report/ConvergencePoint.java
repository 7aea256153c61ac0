package io.evomerge.report;

import java.util.Objects;

/**
 * One evaluated candidate, as the convergence chart needs it. Immutable.
 *
 * @param stage the stage that asked for it
 * @param generation its generation, from 0, over the whole search
 * @param bestSoFar the best fitness after it was evaluated
 */
public record ConvergencePoint(String stage, int generation, double fitness, double bestSoFar) {
  public ConvergencePoint {
    Objects.requireNonNull(stage, "stage");
  }
}
