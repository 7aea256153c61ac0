package io.evomerge.job;

import java.util.List;

/**
 * Scores single (candidate, shard) tasks rather than whole candidates: what a screening round
 * needs, where each adapter is scored on the shards it has not seen yet. {@link SparkEvaluator}
 * runs them as one Spark job.
 */
public interface TaskEvaluator {

  /** The results of {@code tasks}, one each, in {@link ShardResult#ORDER}. */
  List<ShardResult> evaluateTasks(List<EvaluationTask> tasks, String label);

  /** The set the tasks are scored on. */
  EvaluationSet set();
}
