package io.evomerge.merge.whitebox;

import io.evomerge.protocol.StrategySpec;
import io.evomerge.merge.ControlVectors;
import io.evomerge.merge.MergeStrategy;
import io.evomerge.merge.MergedLora;
import io.evomerge.merge.Sparsify;

/**
 * TIES-Merging (Yadav et al. 2023) on the dense task vectors of the adapters with a non-zero
 * weight {@code beta_i}: (1) trim: keep the top {@code density} fraction of each {@code tau_i} by
 * magnitude ({@link Sparsify#keepCount} entries; entries tied with the threshold are kept too);
 * (2) elect: the sign of {@code sum_i beta_i trim(tau_i)} per entry; (3) disjoint merge: the mean
 * of the {@code beta_i trim(tau_i)} whose sign agrees with the elected one. With every weight
 * equal to lambda this is lambda times the paper's merged task vector. {@code alpha} is ignored.
 * Immutable and thread-safe.
 */
public final class Ties extends MergeStrategy {

  private final TaskVectors tasks;
  private final double density;

  public Ties(TaskVectors tasks, double density) {
    super(StrategySpec.Kind.TIES.id(), tasks.size());
    if (!(density > 0 && density <= 1)) {
      throw new IllegalArgumentException("TIES density " + density + " must be in (0, 1]");
    }
    this.tasks = tasks;
    this.density = density;
  }

  @Override
  protected MergedLora mergeChecked(ControlVectors vectors) {
    int entries = tasks.dim() * tasks.dim();
    float[] thresholds = new float[tasks.size()];
    double[] elected = new double[entries];
    for (int i = 0; i < tasks.size(); i++) {
      thresholds[i] = tasks.threshold(i, Sparsify.keepCount(density, entries));
      addTrimmed(elected, i, vectors.beta(i), thresholds[i]);
    }
    return tasks.asMerged(disjointMean(vectors, thresholds, elected));
  }

  private void addTrimmed(double[] sum, int i, double weight, float threshold) {
    if (weight == 0) {
      return;
    }
    float[] tau = tasks.view(i);
    for (int j = 0; j < tau.length; j++) {
      if (Math.abs(tau[j]) >= threshold) {
        sum[j] += weight * tau[j];
      }
    }
  }

  private double[] disjointMean(ControlVectors vectors, float[] thresholds, double[] elected) {
    double[] sum = new double[elected.length];
    int[] count = new int[elected.length];
    for (int i = 0; i < tasks.size(); i++) {
      double weight = vectors.beta(i);
      if (weight == 0) {
        continue;
      }
      float[] tau = tasks.view(i);
      for (int j = 0; j < tau.length; j++) {
        double v = weight * tau[j];
        if (Math.abs(tau[j]) >= thresholds[i] && v != 0 && Math.signum(v) == Math.signum(elected[j])) {
          sum[j] += v;
          count[j]++;
        }
      }
    }
    for (int j = 0; j < sum.length; j++) {
      sum[j] = count[j] == 0 ? 0 : sum[j] / count[j];
    }
    return sum;
  }
}
