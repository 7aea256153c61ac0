package io.evomerge.job;

import io.evomerge.config.ServiceConfig;
import io.evomerge.merge.ControlVectors;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Evaluates a generation as one Spark job over {@code candidates x shards} tasks: the set cuts
 * the tasks into groups (one partition each), each partition's calls are made on an executor,
 * and the collected results are reduced on the driver in a fixed order. Each task keeps to its
 * share of the job-wide rate limit: {@code service.rateLimitPerSecond} divided by the tasks that
 * run at once (the partitions, at most the context's default parallelism). Each generation shows
 * in the Spark UI under the job group {@code evomerge} with the caller's label as its description.
 */
public final class SparkEvaluator implements CandidateEvaluator, TaskEvaluator {

  private final JavaSparkContext jsc;
  private final ServiceConfig service;
  private final EvaluationSet set;
  private final CallMetrics metrics;
  private final int partitions;

  /**
   * @param partitions partitions per generation; 0 means the context's default parallelism
   */
  public SparkEvaluator(
      JavaSparkContext jsc, ServiceConfig service, EvaluationSet set, CallMetrics metrics, int partitions) {
    this.jsc = jsc;
    this.service = service;
    this.set = set;
    this.metrics = metrics;
    this.partitions = partitions > 0 ? partitions : jsc.defaultParallelism();
  }

  @Override
  public List<CandidateScore> evaluate(List<ControlVectors> candidates, String label) {
    List<EvaluationTask> tasks = EvaluationTask.grid(candidates, set.shardCount());
    List<List<EvaluationTask>> groups = set.groups(tasks, partitions);
    jsc.setJobGroup("evomerge", label + ": " + candidates.size() + " candidates x "
        + set.shardCount() + " shards in " + groups.size() + " partitions", false);
    double share = ratePerTask(service.rateLimitPerSecond(), groups.size(), jsc.defaultParallelism());
    List<ShardResult> results = jsc.parallelize(groups, groups.size())
        .mapPartitions(new EvaluatePartition(service, set, metrics, share)).collect();
    return CandidateEvaluator.reduce(results, candidates.size(), set.shardCount());
  }

  /**
   * Evaluates exactly {@code tasks} (any (candidate, shard) pairs, candidate indices distinct per
   * shard) as one Spark job, and returns their results sorted in {@link ShardResult#ORDER}, however
   * the tasks were partitioned: the screening's entry point, where each candidate is scored on a
   * shard of its own.
   */
  @Override
  public List<ShardResult> evaluateTasks(List<EvaluationTask> tasks, String label) {
    List<List<EvaluationTask>> groups = set.groups(tasks, partitions);
    jsc.setJobGroup("evomerge", label + ": " + tasks.size() + " calls in " + groups.size() + " partitions", false);
    double share = ratePerTask(service.rateLimitPerSecond(), groups.size(), jsc.defaultParallelism());
    List<ShardResult> results = new java.util.ArrayList<>(jsc.parallelize(groups, Math.max(1, groups.size()))
        .mapPartitions(new EvaluatePartition(service, set, metrics, share)).collect());
    results.sort(ShardResult.ORDER);
    if (results.size() != tasks.size()) {
      throw new IllegalStateException("expected " + tasks.size() + " shard results, got " + results.size());
    }
    return results;
  }

  /** A task's share of the job-wide rate: {@code rate / min(tasks, slots)}; 0 stays 0 (no limit). */
  static double ratePerTask(double rate, int tasks, int slots) {
    return rate <= 0 ? 0 : rate / Math.max(1, Math.min(tasks, slots));
  }

  @Override
  public EvaluationSet set() {
    return set;
  }
}
