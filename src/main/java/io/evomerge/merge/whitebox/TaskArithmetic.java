package io.evomerge.merge.whitebox;

import io.evomerge.protocol.StrategySpec;
import io.evomerge.merge.ControlVectors;
import io.evomerge.merge.MergeStrategy;
import io.evomerge.merge.MergedLora;

/**
 * Task Arithmetic (Ilharco et al. 2023) on the adapters' dense task vectors: {@code delta_W =
 * sum_i beta_i tau_i}; {@code alpha} is ignored. Sums run over adapters in repository order, in
 * double precision. Immutable and thread-safe.
 */
public final class TaskArithmetic extends MergeStrategy {

  private final TaskVectors tasks;

  public TaskArithmetic(TaskVectors tasks) {
    super(StrategySpec.Kind.TASK_ARITHMETIC.id(), tasks.size());
    this.tasks = tasks;
  }

  @Override
  protected MergedLora mergeChecked(ControlVectors vectors) {
    double[] sum = new double[tasks.dim() * tasks.dim()];
    for (int i = 0; i < tasks.size(); i++) {
      TaskVectors.addScaled(sum, tasks.view(i), vectors.beta(i));
    }
    return tasks.asMerged(sum);
  }
}
