package io.evomerge.job;

import io.evomerge.config.ServiceConfig;
import io.evomerge.merge.ControlVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Evaluates on Spark in the shape of Spark's iterative examples: the set's {@link
 * EvaluationSet.Part parts} are broadcast once per run, and each evaluation ships only its tasks,
 * in the partition function; every partition picks the tasks of its part. One Spark job per
 * evaluation (job group {@code evomerge}, the caller's label as description), its results reduced
 * on the driver in a fixed order. Each task keeps to its {@link #ratePerTask share} of {@code
 * service.rateLimitPerSecond}. Driver only; not thread-safe.
 */
public final class SparkEvaluator implements CandidateEvaluator, AutoCloseable {

  private final JavaSparkContext jsc;
  private final ServiceConfig service;
  private final EvaluationSet set;
  private final CallMetrics metrics;
  private final List<EvaluationSet.Part> parts;
  private Broadcast<List<EvaluationSet.Part>> shared;

  /**
   * @param partitions partitions of the set; 0 means the context's default parallelism
   */
  public SparkEvaluator(
      JavaSparkContext jsc, ServiceConfig service, EvaluationSet set, CallMetrics metrics, int partitions) {
    this.jsc = jsc;
    this.service = service;
    this.set = set;
    this.metrics = metrics;
    this.parts = set.parts(partitions > 0 ? partitions : jsc.defaultParallelism());
  }

  @Override
  public List<CandidateScore> evaluate(List<ControlVectors> candidates, String label) {
    List<ShardResult> results = run(EvaluationTask.grid(candidates, set.shardCount()),
        label + ": " + candidates.size() + " candidates x " + set.shardCount() + " shards");
    return CandidateScore.reduce(results, candidates.size(), set.shardCount());
  }

  /**
   * Evaluates exactly {@code tasks} (candidate indices distinct per shard) as one Spark job; the
   * results in {@link ShardResult#ORDER}. The screening's entry point.
   */
  public List<ShardResult> evaluateTasks(List<EvaluationTask> tasks, String label) {
    List<ShardResult> results = new ArrayList<>(run(tasks, label + ": " + tasks.size() + " calls"));
    results.sort(ShardResult.ORDER);
    if (results.size() != tasks.size()) {
      throw new IllegalStateException("expected " + tasks.size() + " shard results, got " + results.size());
    }
    return results;
  }

  private List<ShardResult> run(List<EvaluationTask> tasks, String description) {
    jsc.setJobGroup("evomerge", description + " in " + parts.size() + " partitions", false);
    jsc.setLocalProperty(LostTasks.PLANNED_CALLS, plannedCalls(parts, tasks));
    try {
      double share = ratePerTask(service.rateLimitPerSecond(), parts.size(), jsc.defaultParallelism());
      return partitions().mapPartitions(new EvaluatePartition(service, tasks, metrics, share)).collect();
    } finally {
      jsc.setLocalProperty(LostTasks.PLANNED_CALLS, null);
      jsc.setLocalProperty(LostTasks.ALLOWED_CALLS, null);
    }
  }

  /**
   * The parts, one per partition: broadcast once (each executor fetches them once and keeps
   * them), so that a task carries only its partition's index.
   */
  private JavaRDD<EvaluationSet.Part> partitions() {
    if (shared == null) {
      shared = jsc.broadcast(parts);
    }
    Broadcast<List<EvaluationSet.Part>> all = shared; // the function captures it, not this evaluator
    List<Integer> indices = IntStream.range(0, parts.size()).boxed().toList();
    return jsc.parallelize(indices, parts.size()).map(i -> all.value().get(i));
  }

  /** The calls each part plans for {@code tasks}, comma-separated in partition order (for {@link LostTasks}). */
  static String plannedCalls(List<EvaluationSet.Part> parts, List<EvaluationTask> tasks) {
    return parts.stream().map(p -> Integer.toString(p.pick(tasks).size()))
        .collect(Collectors.joining(","));
  }

  /** A task's share of the job-wide rate: {@code rate / min(tasks, slots)}; 0 stays 0 (no limit). */
  static double ratePerTask(double rate, int tasks, int slots) {
    return rate <= 0 ? 0 : rate / Math.max(1, Math.min(tasks, slots));
  }

  @Override
  public EvaluationSet set() {
    return set;
  }

  /** Drops the broadcast parts from the executors. */
  @Override
  public void close() {
    if (shared != null) {
      shared.destroy();
      shared = null;
    }
  }
}
