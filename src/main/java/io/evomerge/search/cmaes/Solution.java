package io.evomerge.search.cmaes;

/**
 * A point and its fitness. Immutable: the array is copied in and out.
 *
 * @param x the point, in the caller's (bounded) coordinates
 * @param fitness its fitness, finite
 */
public record Solution(double[] x, double fitness) {

  public Solution {
    x = x.clone();
  }

  @Override
  public double[] x() {
    return x.clone();
  }
}
