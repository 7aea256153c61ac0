package io.evomerge.job;

import io.evomerge.merge.ControlVectors;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One unit of executor work: candidate {@code candidate}'s vectors on shard {@code shard} (0 for
 * the {@code bmm} dialect, where the service evaluates the whole session). Immutable.
 */
public record EvaluationTask(int candidate, int shard, ControlVectors vectors) implements Serializable {

  public EvaluationTask {
    Objects.requireNonNull(vectors, "vectors");
  }

  /** Every (candidate, shard) pair, candidate-major: the tasks of one generation. */
  public static List<EvaluationTask> grid(List<ControlVectors> candidates, int shards) {
    List<EvaluationTask> tasks = new ArrayList<>(candidates.size() * shards);
    for (int c = 0; c < candidates.size(); c++) {
      for (int s = 0; s < shards; s++) {
        tasks.add(new EvaluationTask(c, s, candidates.get(c)));
      }
    }
    return tasks;
  }
}
