package io.evomerge.merge.whitebox;

import io.evomerge.protocol.StrategySpec;
import io.evomerge.merge.ControlVectors;
import io.evomerge.merge.MergeStrategy;
import io.evomerge.merge.MergedLora;
import java.util.SplittableRandom;

/**
 * DARE (drop and rescale, Yu et al. 2024) followed by task arithmetic: each entry of each task
 * vector {@code tau_i} with a non-zero weight is kept with probability {@code density} and divided
 * by {@code density}, then {@code delta_W = sum_i beta_i dare(tau_i)}. Adapter i's mask comes
 * from a {@link SplittableRandom} seeded by {@code seed} and i, so equal inputs merge equally, bit
 * for bit. {@code alpha} is ignored. Immutable and thread-safe.
 */
public final class Dare extends MergeStrategy {

  private final TaskVectors tasks;
  private final double density;
  private final long seed;

  public Dare(TaskVectors tasks, double density, long seed) {
    super(StrategySpec.Kind.DARE.id(), tasks.size());
    if (!(density > 0 && density <= 1)) {
      throw new IllegalArgumentException("DARE density " + density + " must be in (0, 1]");
    }
    this.tasks = tasks;
    this.density = density;
    this.seed = seed;
  }

  @Override
  protected MergedLora mergeChecked(ControlVectors vectors) {
    double[] sum = new double[tasks.dim() * tasks.dim()];
    for (int i = 0; i < tasks.size(); i++) {
      if (vectors.beta(i) != 0) {
        addDropped(sum, i, vectors.beta(i) / density);
      }
    }
    return tasks.asMerged(sum);
  }

  private void addDropped(double[] sum, int i, double weight) {
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
    float[] tau = tasks.view(i);
    for (int j = 0; j < tau.length; j++) {
      if (random.nextDouble() < density) {
        sum[j] += weight * tau[j];
      }
    }
  }
}
